// Blind review: a reviewer sees colleagues' ratings only once their own review is submitted,
// so nobody anchors on someone else's verdict. Drafts are private to their author. People who
// may not review at all cannot be anchored, so they see every submitted review.

export interface ReviewStub {
  reviewerId: string;
  submittedAt: Date | string | null;
}

export interface ReviewVisibility<T extends ReviewStub> {
  own: T | null;
  others: T[];
  /** Submitted reviews by others that stay hidden until the viewer submits. */
  hiddenCount: number;
}

export function visibleReviews<T extends ReviewStub>(
  reviews: readonly T[],
  viewer: { id: string; canReview: boolean },
): ReviewVisibility<T> {
  const own = reviews.find((review) => review.reviewerId === viewer.id) ?? null;
  const submittedOthers = reviews.filter((review) => review.reviewerId !== viewer.id && review.submittedAt !== null);
  const unlocked = !viewer.canReview || own?.submittedAt != null;
  return unlocked ? { own, others: submittedOthers, hiddenCount: 0 } : { own, others: [], hiddenCount: submittedOthers.length };
}
