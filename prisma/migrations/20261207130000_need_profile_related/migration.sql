-- A need's stored vector may now hold concepts it did not say (pseudo-relevance feedback: matching/engine/feedback.ts):
-- they are listed apart so that explanations do not claim the need said them. Existing profiles hold none.
ALTER TABLE "NeedProfile" ADD COLUMN "related" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
