import { describe, expect, it } from "vitest";
import { parseCsvRecords, parseDeadline, parseInviteCsv } from "./csv";

const NOW = new Date("2030-01-01T00:00:00Z");

describe("parseCsvRecords", () => {
  it("handles quotes, escaped quotes, commas and line breaks inside quotes, and CRLF", () => {
    const result = parseCsvRecords('name,email\r\n"Doe, Jane","jane@x.test"\r\n"Say ""hi""\nthere",b@x.test\r\n');
    expect(result).toEqual({
      records: [
        { line: 1, fields: ["name", "email"] },
        { line: 2, fields: ["Doe, Jane", "jane@x.test"] },
        { line: 3, fields: ['Say "hi"\nthere', "b@x.test"] },
      ],
    });
  });

  it("reports an unterminated quote with its line", () => {
    expect(parseCsvRecords('name,email\n"Jane,jane@x.test\n')).toEqual({ error: "line 2: a quoted field is never closed" });
  });
});

describe("parseInviteCsv", () => {
  it("keeps valid rows and reports each bad row with its line", () => {
    const csv = [
      "Name,Email,Deadline",
      "Ada Lovelace,ADA@example.test,2030-02-01",
      ",nobody@example.test,",
      "Bob,not-an-email,",
      "Cy,cy@example.test,2020-01-01",
      "Dee,dee@example.test,tomorrow",
      "Ada Again,ada@example.test,",
      "Eve,eve@example.test,",
      "Too,many,fields,here",
    ].join("\n");
    const result = parseInviteCsv(csv, NOW);
    if (!result.ok) throw new Error(result.error);
    expect(result.rows.map((r) => [r.line, r.email, r.deadline?.toISOString() ?? null])).toEqual([
      [2, "ada@example.test", "2030-02-01T23:59:59.000Z"],
      [8, "eve@example.test", null],
    ]);
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 9]);
    expect(result.errors[0].message).toContain("the name is empty");
    expect(result.errors[1].message).toContain('"not-an-email" is not a valid email address');
    expect(result.errors[2].message).toContain("has already passed");
    expect(result.errors[3].message).toContain('"tomorrow" is not a date');
    expect(result.errors[4].message).toContain("already appears on line 2");
    expect(result.errors[5].message).toContain("has 4 fields; the header has 3");
  });

  it("rejects the whole file for a missing column, no rows, binary data or broken quoting", () => {
    expect(parseInviteCsv("name,mail\nA,a@x.test\n", NOW)).toMatchObject({ ok: false, error: expect.stringContaining("missing: email") });
    expect(parseInviteCsv("name,email\n", NOW)).toMatchObject({ ok: false, error: expect.stringContaining("no candidates") });
    expect(parseInviteCsv("", NOW)).toMatchObject({ ok: false, error: expect.stringContaining("empty") });
    expect(parseInviteCsv("PK\u0003\u0004\u0000\u0000", NOW)).toMatchObject({ ok: false, error: expect.stringContaining("binary") });
    expect(parseInviteCsv('name,email\n"A,a@x.test', NOW)).toMatchObject({ ok: false, error: expect.stringContaining("never closed") });
    expect(parseInviteCsv("name,email,phone\nA,a@x.test,1", NOW)).toMatchObject({ ok: false, error: expect.stringContaining("unknown columns: phone") });
  });

  it("accepts a byte-order mark and reordered columns", () => {
    const result = parseInviteCsv("\uFEFFemail,name\nz@x.test,Zed\n", NOW);
    expect(result).toMatchObject({ ok: true, rows: [{ name: "Zed", email: "z@x.test", deadline: null }], errors: [] });
  });
});

describe("parseDeadline", () => {
  it("reads dates as the end of that day in UTC and date-times with or without a zone", () => {
    expect(parseDeadline("2030-03-31")?.toISOString()).toBe("2030-03-31T23:59:59.000Z");
    expect(parseDeadline("2030-03-31T10:00")?.toISOString()).toBe("2030-03-31T10:00:00.000Z");
    expect(parseDeadline("2030-03-31T10:00+02:00")?.toISOString()).toBe("2030-03-31T08:00:00.000Z");
    expect(parseDeadline("2030-02-30")).toBeNull();
    expect(parseDeadline("next week")).toBeNull();
  });
});
