-- Fair grading: starved test phases are counted and regraded, every result says what graded it,
-- and each host keeps the reference solutions' figures that latency thresholds are scaled by.
ALTER TABLE "Submission" ADD COLUMN "inconclusiveRuns" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Submission" ADD COLUMN "gradingProvenance" JSONB;

CREATE TABLE "GradingCalibration" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "assessmentSlug" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "runtimeImage" TEXT NOT NULL,
    "testPhaseMs" INTEGER NOT NULL,
    "figures" JSONB NOT NULL,
    "latencyScale" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GradingCalibration_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "GradingCalibration_host_assessmentSlug_contentHash_runtimeImage_key" ON "GradingCalibration"("host", "assessmentSlug", "contentHash", "runtimeImage");
