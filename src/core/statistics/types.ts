export type NpsCategory = "promoter" | "passive" | "detractor";

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export const NPS_METHODS = ["wald", "adjusted-wald", "tango", "bayes"] as const;
export type NpsMethod = (typeof NPS_METHODS)[number];

export const COMPARE_METHODS = ["wald", "adjusted-wald"] as const;
export type CompareMethod = (typeof COMPARE_METHODS)[number];

// Pseudo-observations added before an adjusted-Wald interval (Rocks' `pseudo_observations`).
export type PseudoCounts = NpsCounts;

// Dirichlet prior concentration per category, all strictly positive.
export type DirichletPrior = NpsCounts;

export interface NpsInterval {
  low: number;
  high: number;
}

export interface NpsResult {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
  nps_rounded: number | null;
  center: number | null;
  se: number | null;
  interval: NpsInterval | null;
  method: NpsMethod;
  confidence: number;
  small_sample: boolean;
}

export interface NpsComparison {
  difference: number | null;
  se: number | null;
  z: number | null;
  p: number | null;
  interval: NpsInterval | null;
  method: CompareMethod;
  confidence: number;
}
