import { describe, expect, test } from "vitest";
import { maskFreeText, maskName, maskPhone } from "../src/public-security/cad110/index.js";

const masked = (text: string, names: string[] = []) => maskFreeText(text, names).text;

describe("personal data in 110 records (报警人信息脱敏)", () => {
  test("names keep the surname", () => {
    expect(maskName("张三")).toBe("张*");
    expect(maskName("欧阳小明")).toBe("欧***");
    expect(maskName("王")).toBe("王*");
    expect(maskName(" 李卫东 ")).toBe("李**");
    expect(maskName("张*")).toBe("张*");
  });

  test("phones keep the prefix and the last four digits", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("+86 138 1234 5678")).toBe("138****5678");
    expect(maskPhone("0571-87651234")).toBe("0571-****1234");
    expect(maskPhone("057187651234")).toBe("0571-****1234");
    expect(maskPhone("010-12345678")).toBe("010-****5678");
    expect(maskPhone("１３８１２３４５６７８")).toBe("138****5678");
    expect(maskPhone("138****5678")).toBe("138****5678");
    expect(maskPhone("12345")).toBe("*****");
  });

  test("18-digit ID-card numbers in free text are masked, with or without a right check character", () => {
    // 330106198807150031 has a valid check digit; ...0032 does not; both are somebody's number.
    expect(masked("报警人身份证号330106198807150031，要求回电")).toBe("报警人身份证号3301**********0031，要求回电");
    expect(masked("身份证330106198807150032")).toBe("身份证3301**********0032");
    expect(masked("证件号11010519491231002X。")).toBe("证件号1101**********002X。");
    expect(masked("证件号11010519491231002x")).toBe("证件号1101**********002x");
    expect(masked("ID 440305199203021217 and 320115197509114569")).toBe("ID 4403**********1217 and 3201**********4569");
  });

  test("15-digit first-generation ID numbers and full-width digits are masked", () => {
    expect(masked("老身份证330106880715003")).toBe("老身份证3301*******5003");
    expect(masked("身份证３３０１０６１９８８０７１５００３１")).toBe("身份证3301**********0031");
  });

  test("mobile and landline numbers in free text are masked, in their usual spellings", () => {
    expect(masked("回拨电话13957112345。")).toBe("回拨电话139****2345。");
    expect(masked("电话137-1111-2222")).toBe("电话137****2222");
    expect(masked("电话 138 0013 5678 找王")).toBe("电话 138****5678 找王");
    expect(masked("+8613800135678")).toBe("138****5678");
    expect(masked("座机0755-26001234或075526001234")).toBe("座机0755-****1234或0755-****1234");
    expect(masked("拨打１３９５７１１２３４５")).toBe("拨打139****2345");
  });

  test("numbers that are not personal stay: service numbers, counts, times, plates, long ids", () => {
    const text = "已通知110、119和120，12人受伤，价值约800元，21:05报警，车牌浙A12345，约1.5米，接警单3301062026031400127";
    expect(masked(text)).toBe(text);
    // 12 digits starting 1[3-9] are no mobile number; 10 digits after 0 are one landline at most.
    expect(masked("编号138123456789")).toBe("编号138123456789");
  });

  test("the caller's name is masked wherever the text repeats it", () => {
    const result = maskFreeText("报警人王建国称火很大，王建国在楼下等候", ["王建国", "王"]);
    expect(result.text).toBe("报警人王**称火很大，王**在楼下等候");
    expect(result.count).toEqual({ idCards: 0, phones: 0, names: 2 });
  });

  test("masking counts what it found and changes nothing the second time", () => {
    const first = maskFreeText("张三（身份证440305199203021217）电话13800135678，座机0755-26001234", ["张三"]);
    expect(first.count).toEqual({ idCards: 1, phones: 2, names: 1 });
    const second = maskFreeText(first.text, ["张*"]);
    expect(second.text).toBe(first.text);
    expect(second.count).toEqual({ idCards: 0, phones: 0, names: 0 });
  });
});
