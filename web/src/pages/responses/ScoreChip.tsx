const categoryLabels = { promoter: "promoter", passive: "passive", detractor: "detractor" } as const;

/** The 0–10 score as a chip coloured by category; the category is also in text for non-visual readers. */
export function ScoreChip({ score, category }: { score: number; category: keyof typeof categoryLabels }) {
  return (
    <span className={`pg-score pg-score-${category}`} title={`${score}: ${categoryLabels[category]}`}>
      {score}
      <span className="visually-hidden"> ({categoryLabels[category]})</span>
    </span>
  );
}
