// The segmenter reads jieba's dictionary itself: the package's `dict` module would keep 11 MB of buffers (the
// dictionary and an IDF table segmentation never uses) in memory from start-up on.
import fs from "node:fs";
import { segmentWords } from "./tokenizer";

jest.mock("@node-rs/jieba/dict", () => {
  throw new Error("@node-rs/jieba/dict must not be loaded: it keeps 11 MB of buffers for the life of the process");
});

describe("jieba's dictionary in memory", () => {
  it("segments without loading @node-rs/jieba/dict, from the same dictionary file", () => {
    expect(segmentWords("电池热失控与热管理，燃料电池膜电极")).toEqual(expect.arrayContaining(["热失控", "热管理", "膜电极"]));
    // The file the package's module reads (dict.js: readFileSync(join(__dirname, 'dict.txt'))).
    const packaged = fs.readFileSync(require.resolve("@node-rs/jieba/dict.js"), "utf8");
    expect(packaged).toContain("'dict.txt'");
  });
});
