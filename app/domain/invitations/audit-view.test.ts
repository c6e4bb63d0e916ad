import { describe, expect, it } from "vitest";
import { describeAudit } from "./audit-view";
import { eventLabel } from "./event-labels";

describe("audit log rows", () => {
  it("names the event in words and links the thing it happened to", () => {
    expect(describeAudit({ action: "invitation.create", entityType: "Invitation", entityId: "abc", data: { source: "csv" } })).toEqual({
      what: "Invitation created",
      target: "Invitation",
      href: "/invitations/abc",
      details: "source: csv",
    });
    expect(describeAudit({ action: "jd.status", entityType: "JobDescription", entityId: "j1", data: { from: "DRAFT", to: "PUBLISHED", version: 2 } })).toMatchObject({
      what: "Job description status changed",
      href: "/jds/j1",
      details: "DRAFT → PUBLISHED · version: 2",
    });
    expect(describeAudit({ action: "candidate.upload", entityType: "Submission", entityId: "s1", data: { invitationId: "i9", attempt: 1 } }).href).toBe("/scorecards/i9");
  });

  it("falls back to the stored code for an event it does not know", () => {
    expect(eventLabel("something.new")).toBe("something.new");
  });
});
