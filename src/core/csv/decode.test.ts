import { describe, expect, it } from "vitest";
import { decodeLatinFamily, plausibleIn, prefersCp850 } from "./cp850-repair.js";
import { decodeBytes, detectEncoding, normalizeEncodingName } from "./decode.js";
import { CsvError } from "./errors.js";

/** Bytes written with \xNN escapes, one byte per character. */
const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "latin1"));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const repaired = (text: string): string => decodeLatinFamily(bytes(text)).text;

describe("detectEncoding", () => {
  it("recognises UTF-8, UTF-8 with BOM, UTF-16 BOMs and the Windows-1252 family", () => {
    expect(detectEncoding(utf8("id,comment\n1,très bien\n"))).toBe("utf-8");
    expect(detectEncoding(utf8("id\n1\n"))).toBe("utf-8");
    expect(detectEncoding(utf8("\uFEFFid,comment\n1,très bien\n"))).toBe("utf-8-bom");
    expect(detectEncoding(bytes("\xff\xfei\x00d\x00"))).toBe("utf-16le");
    expect(detectEncoding(bytes("\xfe\xff\x00i\x00d"))).toBe("utf-16be");
    expect(detectEncoding(bytes("id,comment\n1,tr\xe8s bien\n"))).toBe("windows-1252");
  });

  it("treats a single invalid byte after valid UTF-8 as not UTF-8", () => {
    expect(detectEncoding(new Uint8Array([...utf8("déjà "), 0xe9]))).toBe("windows-1252");
  });

  it("rejects workbooks and binary files with a typed error", () => {
    expect(() => detectEncoding(bytes("PK\x03\x04rest"))).toThrow(/xlsx/);
    expect(() => detectEncoding(bytes("\xd0\xcf\x11\xe0rest"))).toThrow(/xls/);
    expect(() => detectEncoding(bytes("a,b\n\x00\x01"))).toThrow(CsvError);
  });
});

describe("decodeBytes", () => {
  it("decodes UTF-8 and strips a BOM", () => {
    expect(decodeBytes(utf8("\uFEFFid,nom\n1,Zoë\n"))).toEqual({
      text: "id,nom\n1,Zoë\n",
      encoding: "utf-8-bom",
      mixedCp850: false,
      repairedBytes: 0,
    });
    expect(decodeBytes(utf8("a,é\n")).encoding).toBe("utf-8");
  });

  it("decodes a Windows-1252 sample with smart quotes, œ, the euro and an apostrophe", () => {
    const result = decodeBytes(bytes("id,comment\n1,\x93Super\x94 l\x92accueil, c\x9cur \x85 15 \x80\n"));
    expect(result.text).toBe("id,comment\n1,“Super” l’accueil, cœur … 15 €\n");
    expect(result).toMatchObject({ encoding: "windows-1252", mixedCp850: false, repairedBytes: 0 });
  });

  it("decodes plain Latin-1 unchanged", () => {
    expect(decodeBytes(bytes("caf\xe9,na\xefve,H\xd4TEL\n")).text).toBe("café,naïve,HÔTEL\n");
  });

  it("honours explicit encodings without repair", () => {
    const sample = bytes("\x82t\x82 caf\xe9");
    expect(decodeBytes(sample, "cp850").text).toBe("été cafÚ");
    expect(decodeBytes(sample, "latin1").text).toBe("\u0082t\u0082 café");
    expect(decodeBytes(sample, "ISO-8859-1").encoding).toBe("iso-8859-1");
    expect(decodeBytes(sample, "cp1252").text).toBe("‚t‚ café");
    expect(decodeBytes(sample, "auto").text).toBe("été café");
    expect(decodeBytes(bytes("\xff\xfea\x00,\x00\xe9\x00"), "utf-16le").text).toBe("a,é");
  });

  it("rejects unknown encodings and invalid UTF-8 when UTF-8 is forced", () => {
    expect(() => decodeBytes(utf8("a"), "ebcdic")).toThrow(/Unknown encoding "ebcdic"/);
    expect(() => normalizeEncodingName("utf-7")).toThrow(CsvError);
    expect(normalizeEncodingName(" UTF_8 ")).toBe("utf-8");
    expect(() => decodeBytes(bytes("ok\ncaf\xe9"), "utf-8")).toThrow(
      /not valid UTF-8 \(first invalid byte at offset 6\)/,
    );
  });
});

describe("cp850 repair", () => {
  it("reads 0x80-0x9F inside words as cp850 letters", () => {
    expect(repaired("\x82change chang\x82 chang\xe9")).toBe("échange changé changé");
    expect(repaired("P\x83ques, No\x89l, o\x8bdium, ma\x8ctre, s\x96r, DE\x90U")).toBe(
      "Pâques, Noël, oïdium, maître, sûr, DEÉU",
    );
  });

  it("reads 0x80 after a digit as the euro sign and elsewhere as Ç", () => {
    expect(repaired("bon de 15\x80 et 6\x80, \x80A SERAIT, \x80a fait, D\x90\x80U, d\x82j\x85")).toBe(
      "bon de 15€ et 6€, ÇA SERAIT, Ça fait, DÉÇU, déjà",
    );
  });

  it("repairs implausible Latin-1 characters only in documents with cp850 evidence", () => {
    const mixed = "\x82t\x82 \xaezen\xaf \xb7 vous, TR\xd4S, \xd2TRE, NO\xd3L, n\xf81, 3\xd74";
    expect(repaired(mixed)).toBe("été «zen» À vous, TRÈS, ÊTRE, NOËL, n°1, 3×4");
    expect(repaired("\xaezen\xaf TR\xd4S n\xf81")).toBe("®zen¯ TRÔS nø1");
  });

  it("keeps Windows-1252 readings that are the only plausible ones in a cp850 document", () => {
    expect(repaired("\x82t\x82 d\x82j\x85, l\x92accueil")).toBe("été déjà, l’accueil");
  });

  it("counts repaired bytes and decides the document mode by vote", () => {
    expect(decodeLatinFamily(bytes("\x82t\x82 15\x80"))).toMatchObject({
      mixedCp850: true,
      repairedBytes: 2,
    });
    expect(prefersCp850(bytes("l\x92accueil \x93ok\x94"))).toBe(false);
    expect(prefersCp850(bytes("\x82t\x82"))).toBe(true);
  });

  it("judges plausibility from the neighbouring bytes", () => {
    const at = (text: string): [number, number] => [text.charCodeAt(0), text.charCodeAt(1)];
    expect(plausibleIn("é", ...at("ct"))).toBe(true);
    expect(plausibleIn("Æ", ...at("la"))).toBe(false);
    expect(plausibleIn("€", ...at("5 "))).toBe(true);
    expect(plausibleIn("€", ...at(" a"))).toBe(false);
    expect(plausibleIn("à", ...at("  "))).toBe(true);
    expect(plausibleIn("—", ...at("ab"))).toBe(false);
  });

  it("never produces C1 control characters", () => {
    const all = new Uint8Array(256 * 3);
    for (let b = 0; b < 256; b++) all.set([0x61, b, 0x20], b * 3);
    const text = decodeLatinFamily(all).text;
    expect(text).not.toMatch(/[\u0080-\u009f\ufffd]/);
  });
});
