-- Uploaded archives live in the database so that any worker can grade them; older rows keep their file path.
CREATE TABLE "SubmissionArchive" (
    "submissionId" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubmissionArchive_pkey" PRIMARY KEY ("submissionId")
);

ALTER TABLE "SubmissionArchive" ADD CONSTRAINT "SubmissionArchive_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
