-- Invitation mail is sent by a queue consumer; the outbox row records its delivery state.
ALTER TABLE "OutboxEmail" ADD COLUMN "queuedAt" TIMESTAMP(3),
ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "lastAttemptAt" TIMESTAMP(3);
