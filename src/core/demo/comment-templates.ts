import type { Random } from "./random.js";
import type { DemoLanguage } from "./word-lists.js";

// Each template carries only its own theme's keywords (tested), so keyword theming recovers what was planted.

export const DEMO_THEME_IDS = [
  "deal_registration",
  "mdf_payments",
  "enablement",
  "technical_support",
  "partner_portal",
  "communication",
  "profitability",
  "partner_manager",
] as const;
export type DemoThemeId = (typeof DEMO_THEME_IDS)[number];

export const DRIVER_AREAS = [
  "enablement",
  "deal_registration",
  "co_marketing_mdf",
  "technical_support",
  "communication",
  "profitability",
  "ease_of_doing_business",
] as const;
export type DriverArea = (typeof DRIVER_AREAS)[number];

export interface DemoTheme {
  id: DemoThemeId;
  name: string;
  /** The driver area a comment on this theme speaks about, if any. */
  driver: DriverArea | null;
  /** Lower-case phrases in all four languages; a comment mentions the theme when it contains one. */
  keywords: readonly string[];
}

export const DEMO_THEMES: readonly DemoTheme[] = [
  {
    id: "deal_registration",
    name: "Deal registration",
    driver: "deal_registration",
    keywords: [
      "deal registration",
      "registered deal",
      "deal approval",
      "enregistrement des affaires",
      "enregistrement des deals",
      "enregistrement des opportunités",
      "deal-registrierung",
      "deal-freigabe",
      "registro de oportunidades",
      "registro de deals",
      "aprobación de oportunidades",
    ],
  },
  {
    id: "mdf_payments",
    name: "MDF and co-marketing funds",
    driver: "co_marketing_mdf",
    keywords: ["mdf", "co-marketing funds", "fonds marketing", "marketingmittel", "fondos de marketing"],
  },
  {
    id: "enablement",
    name: "Enablement and training",
    driver: "enablement",
    keywords: [
      "training",
      "enablement",
      "certification",
      "formation",
      "schulung",
      "zertifizierung",
      "formación",
      "capacitación",
    ],
  },
  {
    id: "technical_support",
    name: "Technical support",
    driver: "technical_support",
    keywords: ["support", "ticket", "escalation", "eskalation", "escalade", "soporte", "escalacion"],
  },
  {
    id: "partner_portal",
    name: "Partner portal and tools",
    driver: "ease_of_doing_business",
    keywords: ["portal", "portail", "prm"],
  },
  {
    id: "communication",
    name: "Communication and roadmap",
    driver: "communication",
    keywords: ["roadmap", "communication", "feuille de route", "kommunikation", "comunicación", "newsletter"],
  },
  {
    id: "profitability",
    name: "Profitability and margins",
    driver: "profitability",
    keywords: [
      "margin",
      "marge",
      "margen",
      "márgenes",
      "discount",
      "remise",
      "rabatt",
      "descuento",
      "profitability",
      "rentabilité",
      "rentabilidad",
    ],
  },
  {
    id: "partner_manager",
    name: "Partner manager relationship",
    driver: null,
    keywords: [
      "partner manager",
      "channel manager",
      "responsable partenaire",
      "partnermanager",
      "gerente de canal",
    ],
  },
];

type Sentences = Record<DemoLanguage, readonly string[]>;

const NEGATIVE: Record<DemoThemeId, Sentences> = {
  deal_registration: {
    en: [
      "Deal registration [takes|is taking] {weeks} weeks to get approved[, and we lose deals in the meantime| — by then the customer has moved on|].",
      "Our registered deals [keep getting|are regularly] rejected or stuck in review with no explanation.",
      "Deal registration approvals are [far too slow|painfully slow|slower every quarter]; we had {n} deals waiting over {days} days.",
      "[Twice|Three times] this quarter a deal we had registered went to another partner. Deal registration conflicts are not handled fairly.",
      "The deal registration process is opaque: no SLA, no status, no answer.",
      "We [have stopped|are close to stopping] registering opportunities because deal approval takes forever.",
    ],
    fr: [
      "L'enregistrement des affaires prend {weeks} semaines[, nous perdons des opportunités| et le client n'attend pas|, c'est beaucoup trop long].",
      "Nos demandes d'enregistrement des deals restent bloquées sans réponse depuis plus de {days} jours.",
      "Délais d'enregistrement des opportunités [inacceptables|de plus en plus longs] ce trimestre.",
      "Le processus d'enregistrement des affaires est opaque : pas de suivi, pas de délai garanti.",
      "[Deux|Trois] affaires que nous avions déclarées ont été attribuées à un autre partenaire : l'enregistrement des affaires n'est pas fiable.",
    ],
    de: [
      "Die Deal-Registrierung dauert {weeks} Wochen[, so verlieren wir Projekte| – viel zu lange|].",
      "Unsere Deal-Registrierungen hängen seit über {days} Tagen in der Prüfung.",
      "Die Deal-Freigabe ist intransparent und [langsam|unberechenbar].",
    ],
    es: [
      "El registro de oportunidades tarda {weeks} semanas[ y perdemos negocios| y el cliente no espera|].",
      "Tenemos {n} oportunidades esperando más de {days} días; el registro de deals no funciona.",
      "La aprobación de oportunidades es [lenta|muy lenta] y poco transparente.",
    ],
  },
  mdf_payments: {
    en: [
      "MDF [reimbursements|payments|claims] take {months} months to be paid[; we fronted the costs for two events|, which makes joint campaigns hard to justify|].",
      "Our MDF claims were paid {days} days late[ again|].",
      "Co-marketing funds are [hard to access|buried in paperwork|paid so late that we have stopped asking].",
    ],
    fr: [
      "Les paiements MDF arrivent avec {months} mois de retard[, nous avançons les frais|].",
      "Le remboursement des fonds marketing (MDF) est beaucoup trop lent.",
      "Les fonds marketing sont [difficiles à obtenir|noyés dans la paperasse] et payés en retard.",
    ],
    de: [
      "MDF-Zahlungen kommen {months} Monate zu spät.",
      "Die Marketingmittel werden viel zu spät ausgezahlt.",
    ],
    es: [
      "Los pagos de MDF llegan con {months} meses de retraso.",
      "Los fondos de marketing se pagan tarde y con mucha burocracia.",
    ],
  },
  enablement: {
    en: [
      "[The|Your] training [content|material] is outdated[ and doesn't cover the new releases|].",
      "Enablement is generic; our engineers need hands-on labs, not slide decks.",
      "The certification path changed {n} times this year and the training didn't follow.",
      "We can't get seats in the technical training sessions for our new hires.",
    ],
    fr: [
      "Les formations sont trop théoriques et pas à jour sur les nouvelles versions.",
      "Le parcours de certification change sans cesse et la formation ne suit pas.",
      "Difficile d'obtenir des places en formation technique pour nos nouvelles recrues.",
    ],
    de: [
      "Die Schulungen sind veraltet und zu theoretisch.",
      "Die Zertifizierung ändert sich ständig, die Schulungsunterlagen nicht.",
    ],
    es: [
      "La formación es demasiado teórica y está desactualizada.",
      "Cuesta conseguir plazas en la capacitación técnica para el equipo nuevo.",
    ],
  },
  technical_support: {
    en: [
      "Technical support response times are [terrible|unacceptable|getting worse]: {hours} hours for a P1 ticket.",
      "Support tickets bounce between teams and nobody owns the escalation.",
      "Our escalations to second-level support take days[ and our customers notice|].",
    ],
    fr: [
      "Le support technique met {hours} heures à répondre à un ticket critique.",
      "Les tickets passent d'une équipe à l'autre sans que personne ne prenne la main.",
      "Délais de réponse du support [inacceptables|en nette dégradation] ce trimestre, nos clients en souffrent.",
    ],
    de: [
      "Der technische Support braucht {hours} Stunden für ein kritisches Ticket.",
      "Eskalationen im Support dauern Tage.",
    ],
    es: [
      "El soporte técnico tarda {hours} horas en responder a un ticket crítico.",
      "Las escalaciones de soporte tardan días.",
    ],
  },
  partner_portal: {
    en: [
      "The partner portal is [slow|clunky|confusing] and [I can never find|it's hard to find] the latest price list.",
      "Too many logins: the portal, the PRM and the LMS should be one place.",
      "Portal search is useless; we waste hours looking for documents.",
    ],
    fr: [
      "Le portail partenaires est [lent|peu intuitif|lent et peu intuitif].",
      "Impossible de retrouver les documents commerciaux sur le portail.",
    ],
    de: [
      "Das Partnerportal ist unübersichtlich und langsam.",
      "Im Portal findet man die aktuellen Preislisten nicht.",
    ],
    es: ["El portal de partners es lento y confuso.", "Es imposible encontrar documentos en el portal."],
  },
  communication: {
    en: [
      "We learn about product changes from our customers before we hear from you; communication [needs to improve|is poor].",
      "No visibility on the roadmap makes it hard to commit to multi-year plans.",
      "Price changes were announced with {days} days' notice — poor communication.",
    ],
    fr: [
      "Nous apprenons les changements produit par nos clients ; la communication doit s'améliorer.",
      "Aucune visibilité sur la feuille de route produit.",
      "Communication insuffisante sur les changements de prix.",
    ],
    de: ["Kaum Transparenz bei der Roadmap.", "Die Kommunikation zu Produktänderungen ist schlecht."],
    es: [
      "Poca visibilidad del roadmap de producto.",
      "La comunicación sobre cambios de producto es deficiente.",
    ],
  },
  profitability: {
    en: [
      "Margins [keep shrinking|are too thin|dropped again] after the new discount structure.",
      "Your direct sales team undercuts us on price; our margin on your products is close to zero.",
      "The profitability of the program is [poor|declining] compared with other vendors.",
    ],
    fr: [
      "Les marges ont encore baissé avec la nouvelle grille de remises.",
      "Votre vente directe casse les prix, la rentabilité n'est plus au rendez-vous.",
    ],
    de: ["Die Margen sind zu gering.", "Der Direktvertrieb unterbietet uns, die Marge reicht nicht mehr."],
    es: [
      "Los márgenes son demasiado bajos.",
      "La venta directa nos quita negocios y la rentabilidad es baja.",
    ],
  },
  partner_manager: {
    en: ["We have had {n} different partner managers in 18 months; no continuity."],
    fr: ["Nous avons changé {n} fois de responsable partenaire en un an, aucune continuité."],
    de: ["Wir hatten {n} verschiedene Partnermanager in einem Jahr."],
    es: ["Hemos cambiado de gerente de canal {n} veces en un año."],
  },
};

const POSITIVE: Record<DemoThemeId, Sentences> = {
  deal_registration: {
    en: [
      "Deal registration is fast and predictable — approvals usually within {fastHours} hours.",
      "Registered deals are protected and approved quickly.",
    ],
    fr: ["L'enregistrement des affaires est rapide et fiable."],
    de: ["Die Deal-Registrierung funktioniert schnell und zuverlässig."],
    es: ["El registro de oportunidades es rápido y fiable."],
  },
  mdf_payments: {
    en: [
      "MDF is easy to claim and paid on time.",
      "Co-marketing funds helped us run {events} successful events this year.",
    ],
    fr: ["Les fonds marketing (MDF) sont versés rapidement, nous avons pu organiser {events} événements."],
    de: ["Die MDF-Abwicklung ist unkompliziert."],
    es: ["Los fondos de marketing MDF se pagan a tiempo."],
  },
  enablement: {
    en: [
      "[Great|Excellent] training: practical labs and [responsive|knowledgeable] instructors.",
      "The new enablement program really helped our sales team.",
      "Certification is well organised; {events} of our people passed this year.",
    ],
    fr: [
      "Excellentes formations, très concrètes.",
      "Le programme de certification est clair et bien organisé.",
    ],
    de: ["Sehr gute Schulungen mit praxisnahen Labs."],
    es: ["La formación es excelente y muy práctica."],
  },
  technical_support: {
    en: [
      "Support is [fast|quick] and knowledgeable — tickets are usually solved the same day.",
      "Fast support on escalations, even at night.",
    ],
    fr: ["Support technique réactif et compétent.", "Les tickets sont traités rapidement, merci à l'équipe."],
    de: ["Der Support ist schnell und kompetent."],
    es: ["El soporte es rápido y competente."],
  },
  partner_portal: {
    en: ["The new partner portal is much easier to use."],
    fr: ["Le nouveau portail est bien plus simple à utiliser."],
    de: ["Das neue Portal ist deutlich einfacher."],
    es: ["El nuevo portal es mucho más fácil de usar."],
  },
  communication: {
    en: [
      "Clear roadmap briefings every quarter, we always know what's coming.",
      "Great communication from the partner team.",
    ],
    fr: ["Très bonne communication, les points roadmap trimestriels sont utiles."],
    de: ["Gute Kommunikation und klare Roadmap."],
    es: ["Buena comunicación y un roadmap claro."],
  },
  profitability: {
    en: [
      "Healthy margins and a fair discount structure.",
      "Your products are among the most profitable lines we sell; margins are solid.",
    ],
    fr: ["Des marges correctes et un programme rentable."],
    de: ["Gute Margen und faire Konditionen."],
    es: ["Buenos márgenes y condiciones justas."],
  },
  partner_manager: {
    en: [
      "{pm}, our partner manager, is [outstanding|fantastic|always available] and really understands our business.",
      "Our channel manager {pm} goes the extra mile to help us win deals.",
    ],
    fr: ["{pm}, notre responsable partenaire, est très disponible et de bon conseil."],
    de: ["{unserPm} ist hervorragend und immer erreichbar."],
    es: ["{nuestroPm}, es excelente y siempre está disponible."],
  },
};

const OPENERS: Record<"negative" | "mixed" | "positive", Sentences> = {
  negative: {
    en: [
      "Disappointing quarter.",
      "Not where it should be.",
      "We are seriously reconsidering our investment in this partnership.",
      "Frustrating year.",
    ],
    fr: ["Trimestre décevant.", "Nous nous interrogeons sur la suite du partenariat.", "Année compliquée."],
    de: ["Enttäuschendes Quartal.", "So kann es nicht weitergehen."],
    es: ["Trimestre decepcionante.", "No estamos contentos."],
  },
  mixed: {
    en: ["Solid relationship overall.", "Generally fine.", "Good products, decent program."],
    fr: ["Relation correcte dans l'ensemble.", "Globalement satisfaits."],
    de: ["Insgesamt solide Zusammenarbeit."],
    es: ["En general, bien."],
  },
  positive: {
    en: [
      "Great partnership overall.",
      "Very happy with the relationship.",
      "Best vendor program we work with.",
    ],
    fr: ["Très bon partenariat.", "Relation excellente."],
    de: ["Sehr gute Partnerschaft."],
    es: ["Excelente relación."],
  },
};

const CLOSERS: Record<"negative" | "positive", Sentences> = {
  negative: {
    en: ["Please fix this.", "This is hurting our business with you.", "We need a concrete plan."],
    fr: ["Il faut agir vite.", "Cela pèse sur notre activité."],
    de: ["Bitte dringend verbessern."],
    es: ["Necesitamos soluciones."],
  },
  positive: {
    en: ["Keep it up!", "Looking forward to growing together.", "Thank you!"],
    fr: ["Merci !", "Continuez comme ça."],
    de: ["Weiter so!"],
    es: ["¡Gracias!"],
  },
};

const CONNECTORS: Record<DemoLanguage, readonly string[]> = {
  en: ["However,", "That said,", "But"],
  fr: ["Par contre,", "En revanche,", "Cependant,"],
  es: ["Sin embargo,", "Pero", "Por otro lado,"],
  // German nouns stay capitalised, so the connector ends with a colon instead of lower-casing the clause.
  de: ["Allerdings:", "Aber:"],
};

export interface CommentSlots {
  /** First name of the partner's manager, used in praise. */
  partnerManager: string;
  /** Grammatical gender of the manager's title in German and Spanish. */
  partnerManagerFemale: boolean;
}

function expand(random: Random, template: string, slots: CommentSlots): string {
  return template
    .replace(/\[([^\]]*)\]/g, (_, options: string) => random.pick(options.split("|")))
    .replace(/\{(\w+)\}/g, (_, slot: string) => {
      switch (slot) {
        case "weeks":
          return String(random.int(3, 8));
        case "days":
          return String(random.int(15, 60));
        case "months":
          return String(random.int(2, 6));
        case "hours":
          return String(random.int(24, 96));
        case "fastHours":
          return String(random.pick([4, 8, 12, 24]));
        case "n":
          return String(random.int(2, 5));
        case "events":
          return String(random.int(3, 12));
        case "pm":
          return slots.partnerManager;
        case "unserPm":
          return `${slots.partnerManagerFemale ? "Unsere Partnermanagerin" : "Unser Partnermanager"} ${slots.partnerManager}`;
        case "nuestroPm":
          return `${slots.partnerManagerFemale ? "Nuestra" : "Nuestro"} gerente de canal, ${slots.partnerManager}`;
        default:
          throw new Error(`Unknown comment slot {${slot}}`);
      }
    });
}

// Lower-cases the first letter after a connector, except acronyms such as "MDF" and proper names.
function lowerFirst(sentence: string, slots: CommentSlots): string {
  const second = sentence.charAt(1);
  if (second !== second.toLowerCase() || sentence.startsWith(slots.partnerManager)) return sentence;
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}

export function negativeSentence(
  random: Random,
  theme: DemoThemeId,
  language: DemoLanguage,
  slots: CommentSlots,
): string {
  return expand(random, random.pick(NEGATIVE[theme][language]), slots);
}

export function positiveSentence(
  random: Random,
  theme: DemoThemeId,
  language: DemoLanguage,
  slots: CommentSlots,
): string {
  return expand(random, random.pick(POSITIVE[theme][language]), slots);
}

export type CommentTone = "detractor" | "passive" | "promoter";

export interface CommentPlan {
  tone: CommentTone;
  language: DemoLanguage;
  /** Themes complained about, in order. */
  negative: readonly DemoThemeId[];
  /** Themes praised, in order. */
  positive: readonly DemoThemeId[];
}

/** Writes one comment: optional opener, the praise and complaints of the plan, optional closer. */
export function composeComment(random: Random, plan: CommentPlan, slots: CommentSlots): string {
  const { language } = plan;
  const parts: string[] = [];
  const praise = plan.positive.map((theme) => positiveSentence(random, theme, language, slots));
  const complaints = plan.negative.map((theme) => negativeSentence(random, theme, language, slots));
  if (plan.tone === "detractor") {
    if (random.chance(0.4)) parts.push(random.pick(OPENERS.negative[language]));
    parts.push(...complaints);
    if (random.chance(0.35)) parts.push(random.pick(CLOSERS.negative[language]));
  } else if (plan.tone === "promoter") {
    if (random.chance(0.45) || praise.length === 0) parts.push(random.pick(OPENERS.positive[language]));
    parts.push(...praise);
    if (complaints.length > 0) parts.push(connect(random, language, complaints.join(" "), slots));
    if (random.chance(0.35)) parts.push(random.pick(CLOSERS.positive[language]));
  } else {
    if (praise.length === 0) parts.push(random.pick(OPENERS.mixed[language]));
    parts.push(...praise);
    if (complaints.length > 0) {
      parts.push(
        parts.length > 0 ? connect(random, language, complaints.join(" "), slots) : complaints.join(" "),
      );
    }
  }
  return parts.join(" ");
}

function connect(random: Random, language: DemoLanguage, clause: string, slots: CommentSlots): string {
  const connector = random.pick(CONNECTORS[language]);
  return language === "de" ? `${connector} ${clause}` : `${connector} ${lowerFirst(clause, slots)}`;
}

function normalize(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

const NORMALIZED_KEYWORDS = DEMO_THEMES.map((theme) => ({
  id: theme.id,
  keywords: theme.keywords.map(normalize),
}));

/** Themes a text mentions by keyword (accent- and case-insensitive), in taxonomy order. */
export function detectDemoThemes(text: string): DemoThemeId[] {
  const haystack = normalize(text);
  return NORMALIZED_KEYWORDS.filter((theme) =>
    theme.keywords.some((keyword) => haystack.includes(keyword)),
  ).map((theme) => theme.id);
}

/** Every template with the theme it was written for, for the keyword-consistency test. */
export function listCommentTemplates(): {
  theme: DemoThemeId;
  polarity: "negative" | "positive";
  language: DemoLanguage;
  text: string;
}[] {
  const out: {
    theme: DemoThemeId;
    polarity: "negative" | "positive";
    language: DemoLanguage;
    text: string;
  }[] = [];
  for (const [polarity, table] of [
    ["negative", NEGATIVE],
    ["positive", POSITIVE],
  ] as const) {
    for (const theme of DEMO_THEME_IDS) {
      for (const language of ["en", "fr", "de", "es"] as const) {
        for (const text of table[theme][language]) out.push({ theme, polarity, language, text });
      }
    }
  }
  return out;
}

/** Openers, closers and connectors must carry no theme keyword; exposed for the same test. */
export function listNeutralPhrases(): string[] {
  const out: string[] = [];
  for (const group of [
    OPENERS.negative,
    OPENERS.mixed,
    OPENERS.positive,
    CLOSERS.negative,
    CLOSERS.positive,
    CONNECTORS,
  ]) {
    for (const language of ["en", "fr", "de", "es"] as const) out.push(...group[language]);
  }
  return out;
}
