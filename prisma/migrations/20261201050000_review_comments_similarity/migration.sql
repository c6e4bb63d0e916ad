-- Reviewers' comments on a submission's code, and the similarity check's fingerprints and matches.
CREATE TABLE "ReviewComment" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "line" INTEGER,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewComment_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "SimilarityFingerprint" (
    "submissionId" TEXT NOT NULL,
    "assessmentId" TEXT NOT NULL,
    "invitationId" TEXT NOT NULL,
    "hashes" INTEGER[],
    "files" TEXT[],
    "prints" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SimilarityFingerprint_pkey" PRIMARY KEY ("submissionId")
);

CREATE TABLE "SimilarityMatch" (
    "id" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "otherSubmissionId" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "shared" INTEGER NOT NULL,
    "regions" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SimilarityMatch_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ReviewComment_reviewId_idx" ON "ReviewComment"("reviewId");
CREATE INDEX "ReviewComment_submissionId_idx" ON "ReviewComment"("submissionId");
CREATE INDEX "SimilarityFingerprint_assessmentId_idx" ON "SimilarityFingerprint"("assessmentId");
CREATE INDEX "SimilarityFingerprint_hashes_idx" ON "SimilarityFingerprint" USING GIN ("hashes");
CREATE UNIQUE INDEX "SimilarityMatch_submissionId_otherSubmissionId_key" ON "SimilarityMatch"("submissionId", "otherSubmissionId");
CREATE INDEX "SimilarityMatch_otherSubmissionId_idx" ON "SimilarityMatch"("otherSubmissionId");

ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SimilarityFingerprint" ADD CONSTRAINT "SimilarityFingerprint_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SimilarityMatch" ADD CONSTRAINT "SimilarityMatch_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SimilarityMatch" ADD CONSTRAINT "SimilarityMatch_otherSubmissionId_fkey" FOREIGN KEY ("otherSubmissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
