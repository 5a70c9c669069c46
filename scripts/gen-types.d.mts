export declare const modelFile: string;
export declare function generateModelSource(): Promise<string>;
