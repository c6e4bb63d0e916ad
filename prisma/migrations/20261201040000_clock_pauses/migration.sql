-- A submission that ends ERROR (a fault on our side) stops the candidate's clock until it leaves
-- ERROR (regraded by the reconciler or an admin). The trigger records the pause whoever changes
-- the status: the worker, the reconciler, an admin or a script.
CREATE TABLE "ClockPause" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "invitationId" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "ClockPause_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ClockPause_invitationId_idx" ON "ClockPause"("invitationId");
CREATE INDEX "ClockPause_submissionId_idx" ON "ClockPause"("submissionId");

ALTER TABLE "ClockPause" ADD CONSTRAINT "ClockPause_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ClockPause" ADD CONSTRAINT "ClockPause_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE FUNCTION "hirekit_submission_clock_pause"() RETURNS trigger AS $$
BEGIN
  IF NEW."status" = 'ERROR' AND (TG_OP = 'INSERT' OR OLD."status" <> 'ERROR') THEN
    INSERT INTO "ClockPause" ("invitationId", "submissionId", "startedAt") VALUES (NEW."invitationId", NEW."id", clock_timestamp());
  ELSIF TG_OP = 'UPDATE' AND OLD."status" = 'ERROR' AND NEW."status" <> 'ERROR' THEN
    UPDATE "ClockPause" SET "endedAt" = clock_timestamp() WHERE "submissionId" = NEW."id" AND "endedAt" IS NULL;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Submission_clock_pause"
AFTER INSERT OR UPDATE OF "status" ON "Submission"
FOR EACH ROW EXECUTE FUNCTION "hirekit_submission_clock_pause"();

-- Submissions already in ERROR pause their clocks from now on.
INSERT INTO "ClockPause" ("invitationId", "submissionId", "startedAt")
SELECT "invitationId", "id", CURRENT_TIMESTAMP FROM "Submission" WHERE "status" = 'ERROR';
