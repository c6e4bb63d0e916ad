-- Measured tests earn a fraction of their points; keep what each test earned.
ALTER TABLE "TestResult" ADD COLUMN "earned" DOUBLE PRECISION NOT NULL DEFAULT 0;
UPDATE "TestResult" SET "earned" = "points" WHERE "outcome" = 'PASSED';
