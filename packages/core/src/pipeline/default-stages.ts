/** crmkit's default pipeline: the stages the source documents name, with their default probabilities. */
export const DEFAULT_STAGES = [
  { id: 'stage-contact', name: 'Contact', labels: { vi: 'Liên hệ', en: 'Contact' }, sequence: 10, defaultProbability: 10, isWon: false },
  { id: 'stage-evaluate', name: 'Evaluate', labels: { vi: 'Đánh giá', en: 'Evaluate' }, sequence: 20, defaultProbability: 30, isWon: false },
  { id: 'stage-propose', name: 'Propose solution', labels: { vi: 'Đề xuất giải pháp', en: 'Propose solution' }, sequence: 30, defaultProbability: 50, isWon: false },
  { id: 'stage-negotiate', name: 'Negotiate', labels: { vi: 'Đàm phán', en: 'Negotiate' }, sequence: 40, defaultProbability: 70, isWon: false },
  { id: 'stage-won', name: 'Won', labels: { vi: 'Chốt', en: 'Won' }, sequence: 50, defaultProbability: 100, isWon: true },
] as const;

/** Expected revenue weighted by probability (in minor units, rounded half away from zero). */
export function weightedRevenue(opportunity: { expectedRevenue?: { amount: number } | undefined; probability?: number | undefined }): number {
  const amount = opportunity.expectedRevenue?.amount ?? 0;
  const value = (amount * (opportunity.probability ?? 0)) / 100;
  return value < 0 ? -Math.round(-value) : Math.round(value);
}
