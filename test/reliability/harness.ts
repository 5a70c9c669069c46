// What the reliability tests share, through one door: the hub as a real child process
// (`eix serve`) and the other `eix` commands, a loopback HTTP receiver standing for a
// destination, the hub configuration they run on, valid incident reports (初报/续报/终报), and
// the sender's and operator's side of the hub's HTTP API.
export { type ExitInfo, type HubProcess, killAllChildren, runEix, startHubProcess } from "./harness/eix-process.js";
export {
  type DeliveryView,
  listDeliveries,
  operatorCall,
  type PostOutcome,
  postMessage,
  type Receipt,
} from "./harness/hub-client.js";
export { type HubConfigSpec, makeWorkDir, type TestUnit, testUnit, writeHubConfig } from "./harness/hub-config.js";
export { incidentReport, type ReportSpec } from "./harness/incident-reports.js";
export {
  type Answer,
  type Arrival,
  LoopbackReceiver,
  type ReceivedEnvelope,
  type Responder,
} from "./harness/loopback-receiver.js";
export { REPO_ROOT } from "./harness/repo-root.js";
export { runPool, sleep, waitFor } from "./harness/waiting.js";
