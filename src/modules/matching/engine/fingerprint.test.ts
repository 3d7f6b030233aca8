import { analysisFingerprint, ANALYSIS_VERSION } from "./fingerprint";
import symptoms from "../data/symptoms.json";

/** The fingerprint a fresh load of the engine computes, with `file` (a data file's path from here) read as `value`. */
function fingerprintWith(file: string, value: unknown): string {
  let fingerprint = "";
  jest.isolateModules(() => {
    jest.doMock(file, () => value);
    fingerprint = (require("./fingerprint") as typeof import("./fingerprint")).analysisFingerprint();
  });
  jest.dontMock(file);
  return fingerprint;
}

describe("the reading's fingerprint", () => {
  it("is the same for the same reading, and names the analysis version", () => {
    expect(analysisFingerprint()).toBe(fingerprintWith("../data/symptoms.json", symptoms));
    expect(analysisFingerprint()).toMatch(new RegExp(`^v${ANALYSIS_VERSION}-[0-9a-f]{16}$`));
  });

  it("changes with the data analysis reads", () => {
    expect(fingerprintWith("../data/symptoms.json", { ...symptoms, weight: symptoms.weight + 0.1 })).not.toBe(analysisFingerprint());
  });
});
