-- A replayed answer carries the headers of the first one (Location on a 201).
ALTER TABLE "ApiIdempotencyKey" ADD COLUMN "responseHeaders" JSONB;
