// Plain (no GraphQL decorators): the access table imports it; challenge.type.ts registers it as an enum.
/** Where a 揭榜挂帅 challenge stands (computed from its rows; see review-state.ts). */
export enum ChallengeStage {
  SUBMISSIONS = "SUBMISSIONS",
  REVIEW = "REVIEW",
  NOTICE = "NOTICE",
  AWARDED = "AWARDED",
  ACCEPTED = "ACCEPTED",
  CLOSED = "CLOSED",
}
