-- Automatic regrades of a submission that ended ERROR (an infrastructure fault, never the
-- candidate's); the reconciler stops after a few and leaves it to an admin.
ALTER TABLE "Submission" ADD COLUMN "autoRegrades" INTEGER NOT NULL DEFAULT 0;
