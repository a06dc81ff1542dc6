/** Word lists for plausible, clearly fictitious demo companies and people. */

export type DemoLanguage = "en" | "fr" | "de" | "es";

export type NameCulture =
  | "anglo"
  | "fr"
  | "de"
  | "es"
  | "it"
  | "nl"
  | "nordic"
  | "pl"
  | "pt"
  | "ja"
  | "in"
  | "sg"
  | "ko"
  | "ar";

export interface DemoCountry {
  name: string;
  weight: number;
  /** Contact languages spoken there, weighted. */
  languages: readonly (readonly [DemoLanguage, number])[];
  culture: NameCulture;
  suffixes: readonly string[];
  /** Typical UTC hour when people there answer surveys during their working day. */
  workdayUtcHours: readonly [number, number];
}

export const DEMO_REGIONS = ["EMEA", "North America", "LATAM", "APAC"] as const;
export type DemoRegion = (typeof DEMO_REGIONS)[number];

export const REGION_WEIGHTS: readonly (readonly [DemoRegion, number])[] = [
  ["EMEA", 38],
  ["North America", 32],
  ["LATAM", 12],
  ["APAC", 18],
];

const EUROPE_HOURS = [7, 16] as const;

export const COUNTRIES: Record<DemoRegion, readonly DemoCountry[]> = {
  EMEA: [
    {
      name: "United Kingdom",
      weight: 18,
      languages: [["en", 1]],
      culture: "anglo",
      suffixes: ["Ltd", "Ltd", "plc"],
      workdayUtcHours: [8, 17],
    },
    {
      name: "Germany",
      weight: 17,
      languages: [
        ["de", 80],
        ["en", 20],
      ],
      culture: "de",
      suffixes: ["GmbH", "GmbH", "AG"],
      workdayUtcHours: EUROPE_HOURS,
    },
    {
      name: "France",
      weight: 16,
      languages: [
        ["fr", 88],
        ["en", 12],
      ],
      culture: "fr",
      suffixes: ["SAS", "SAS", "SA"],
      workdayUtcHours: EUROPE_HOURS,
    },
    {
      name: "Netherlands",
      weight: 8,
      languages: [["en", 1]],
      culture: "nl",
      suffixes: ["B.V."],
      workdayUtcHours: EUROPE_HOURS,
    },
    {
      name: "Spain",
      weight: 8,
      languages: [
        ["es", 85],
        ["en", 15],
      ],
      culture: "es",
      suffixes: ["S.L.", "S.A."],
      workdayUtcHours: EUROPE_HOURS,
    },
    {
      name: "Italy",
      weight: 6,
      languages: [["en", 1]],
      culture: "it",
      suffixes: ["S.r.l.", "S.p.A."],
      workdayUtcHours: EUROPE_HOURS,
    },
    {
      name: "Belgium",
      weight: 4,
      languages: [
        ["fr", 60],
        ["en", 40],
      ],
      culture: "fr",
      suffixes: ["SRL", "SA"],
      workdayUtcHours: EUROPE_HOURS,
    },
    {
      name: "Switzerland",
      weight: 4,
      languages: [
        ["de", 60],
        ["fr", 25],
        ["en", 15],
      ],
      culture: "de",
      suffixes: ["AG", "GmbH", "SA"],
      workdayUtcHours: EUROPE_HOURS,
    },
    {
      name: "Sweden",
      weight: 4,
      languages: [["en", 1]],
      culture: "nordic",
      suffixes: ["AB"],
      workdayUtcHours: EUROPE_HOURS,
    },
    {
      name: "Austria",
      weight: 3,
      languages: [
        ["de", 85],
        ["en", 15],
      ],
      culture: "de",
      suffixes: ["GmbH"],
      workdayUtcHours: EUROPE_HOURS,
    },
    {
      name: "Ireland",
      weight: 3,
      languages: [["en", 1]],
      culture: "anglo",
      suffixes: ["Ltd", "DAC"],
      workdayUtcHours: [8, 17],
    },
    {
      name: "Poland",
      weight: 3,
      languages: [["en", 1]],
      culture: "pl",
      suffixes: ["Sp. z o.o.", "S.A."],
      workdayUtcHours: EUROPE_HOURS,
    },
    {
      name: "United Arab Emirates",
      weight: 3,
      languages: [["en", 1]],
      culture: "ar",
      suffixes: ["LLC", "FZ-LLC"],
      workdayUtcHours: [5, 13],
    },
    {
      name: "South Africa",
      weight: 3,
      languages: [["en", 1]],
      culture: "anglo",
      suffixes: ["(Pty) Ltd"],
      workdayUtcHours: [6, 15],
    },
  ],
  "North America": [
    {
      name: "United States",
      weight: 82,
      languages: [["en", 1]],
      culture: "anglo",
      suffixes: ["Inc.", "LLC", "Corp."],
      workdayUtcHours: [13, 23],
    },
    {
      name: "Canada",
      weight: 18,
      languages: [
        ["en", 72],
        ["fr", 28],
      ],
      culture: "anglo",
      suffixes: ["Inc.", "Ltd."],
      workdayUtcHours: [13, 22],
    },
  ],
  LATAM: [
    {
      name: "Brazil",
      weight: 34,
      languages: [["en", 1]],
      culture: "pt",
      suffixes: ["Ltda.", "S.A."],
      workdayUtcHours: [11, 20],
    },
    {
      name: "Mexico",
      weight: 28,
      languages: [
        ["es", 88],
        ["en", 12],
      ],
      culture: "es",
      suffixes: ["S.A. de C.V."],
      workdayUtcHours: [14, 23],
    },
    {
      name: "Argentina",
      weight: 14,
      languages: [
        ["es", 90],
        ["en", 10],
      ],
      culture: "es",
      suffixes: ["S.A.", "S.R.L."],
      workdayUtcHours: [11, 20],
    },
    {
      name: "Colombia",
      weight: 13,
      languages: [
        ["es", 90],
        ["en", 10],
      ],
      culture: "es",
      suffixes: ["S.A.S."],
      workdayUtcHours: [13, 22],
    },
    {
      name: "Chile",
      weight: 11,
      languages: [
        ["es", 90],
        ["en", 10],
      ],
      culture: "es",
      suffixes: ["SpA", "S.A."],
      workdayUtcHours: [12, 21],
    },
  ],
  APAC: [
    {
      name: "Australia",
      weight: 26,
      languages: [["en", 1]],
      culture: "anglo",
      suffixes: ["Pty Ltd"],
      workdayUtcHours: [0, 7],
    },
    {
      name: "Japan",
      weight: 20,
      languages: [["en", 1]],
      culture: "ja",
      suffixes: ["K.K.", "Co., Ltd."],
      workdayUtcHours: [0, 9],
    },
    {
      name: "Singapore",
      weight: 16,
      languages: [["en", 1]],
      culture: "sg",
      suffixes: ["Pte Ltd"],
      workdayUtcHours: [1, 10],
    },
    {
      name: "India",
      weight: 20,
      languages: [["en", 1]],
      culture: "in",
      suffixes: ["Pvt Ltd", "Ltd"],
      workdayUtcHours: [4, 12],
    },
    {
      name: "New Zealand",
      weight: 8,
      languages: [["en", 1]],
      culture: "anglo",
      suffixes: ["Ltd"],
      workdayUtcHours: [20, 23],
    },
    {
      name: "South Korea",
      weight: 10,
      languages: [["en", 1]],
      culture: "ko",
      suffixes: ["Co., Ltd."],
      workdayUtcHours: [0, 9],
    },
  ],
};

export const PARTNER_TYPES = [
  "reseller",
  "system_integrator",
  "isv",
  "technology_alliance",
  "distributor",
  "referral",
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export const PARTNER_TYPE_WEIGHTS: readonly (readonly [PartnerType, number])[] = [
  ["reseller", 34],
  ["system_integrator", 21],
  ["isv", 15],
  ["technology_alliance", 8],
  ["distributor", 5],
  ["referral", 17],
];

export const TIERS = ["platinum", "gold", "silver", "registered"] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_WEIGHTS: readonly (readonly [Tier, number])[] = [
  ["platinum", 6],
  ["gold", 18],
  ["silver", 32],
  ["registered", 44],
];

export const SIZES = ["small", "medium", "large", "enterprise"] as const;
export type PartnerSize = (typeof SIZES)[number];

export const SIZE_WEIGHTS_BY_TIER: Record<Tier, readonly (readonly [PartnerSize, number])[]> = {
  platinum: [
    ["medium", 10],
    ["large", 40],
    ["enterprise", 50],
  ],
  gold: [
    ["small", 5],
    ["medium", 30],
    ["large", 45],
    ["enterprise", 20],
  ],
  silver: [
    ["small", 25],
    ["medium", 45],
    ["large", 25],
    ["enterprise", 5],
  ],
  registered: [
    ["small", 55],
    ["medium", 35],
    ["large", 10],
  ],
};

export const INDUSTRIES: readonly (readonly [string, number])[] = [
  ["Financial Services", 14],
  ["Healthcare", 10],
  ["Manufacturing", 13],
  ["Retail", 9],
  ["Public Sector", 9],
  ["Technology", 16],
  ["Telecommunications", 7],
  ["Energy & Utilities", 6],
  ["Education", 5],
  ["Professional Services", 11],
];

export const CONTACT_ROLES = [
  "executive_sponsor",
  "decision_maker",
  "sales",
  "technical",
  "marketing",
  "operations",
] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const JOB_TITLES: Record<ContactRole, readonly string[]> = {
  executive_sponsor: [
    "CEO",
    "Managing Director",
    "COO",
    "Chief Revenue Officer",
    "VP Alliances",
    "Founder & CEO",
  ],
  decision_maker: [
    "Head of Alliances",
    "Partner Program Director",
    "Director of Vendor Management",
    "Head of Cloud Practice",
  ],
  sales: ["Sales Director", "Account Executive", "Sales Manager", "Regional Sales Lead"],
  technical: ["Solutions Architect", "CTO", "Lead Engineer", "Presales Consultant", "Cloud Architect"],
  marketing: ["Marketing Manager", "Head of Marketing", "Field Marketing Lead", "Alliance Marketing Manager"],
  operations: [
    "Operations Manager",
    "Partner Operations Lead",
    "Finance & Operations Director",
    "Delivery Manager",
  ],
};

export const COMPANY_PREFIXES = [
  "Blue",
  "Nordic",
  "Summit",
  "Atlas",
  "Vertex",
  "Helix",
  "Cobalt",
  "Pioneer",
  "Crest",
  "Orbit",
  "Quantum",
  "Granite",
  "Harbor",
  "Maple",
  "Falcon",
  "Cedar",
  "Polar",
  "Ironwood",
  "Bright",
  "Clearview",
  "Nimbus",
  "Stratus",
  "Apex",
  "Beacon",
  "Meridian",
  "Northstar",
  "Redwood",
  "Keystone",
  "Lumen",
  "Nova",
  "Opal",
  "Prism",
  "Sterling",
  "Tidal",
  "Vantage",
  "Zenith",
  "Aurora",
  "Catalyst",
  "Evergreen",
  "Horizon",
  "Kestrel",
  "Lighthouse",
  "Mosaic",
  "Onyx",
  "Pinnacle",
  "Riverbend",
  "Sapphire",
  "Trident",
  "Uplink",
  "Westgate",
];

export const COMPANY_CORES: Record<PartnerType, readonly string[]> = {
  reseller: ["IT", "Systems", "Technology", "Computing", "Networks", "Digital"],
  system_integrator: ["Consulting", "Integration", "Solutions", "Partners", "Group", "Digital Services"],
  isv: ["Software", "Labs", "Analytics", "Apps", "Data", "Cloudworks"],
  technology_alliance: ["Technologies", "Security", "Platforms", "Data Systems", "Dynamics"],
  distributor: ["Distribution", "Trade", "Supply", "Channel Services"],
  referral: ["Advisory", "Associates", "Ventures", "Advisors"],
};

/** Local-language company words, used for part of the partners in those cultures. */
export const LOCAL_CORES: Partial<Record<NameCulture, readonly string[]>> = {
  fr: ["Conseil", "Informatique", "Numérique", "Ingénierie", "Services Cloud"],
  de: ["Systemhaus", "Informatik", "IT-Service", "Datentechnik", "Netzwerke"],
  es: ["Soluciones", "Tecnologías", "Consultores", "Sistemas", "Informática"],
  pt: ["Soluções", "Tecnologia", "Sistemas", "Consultoria"],
  it: ["Informatica", "Sistemi", "Soluzioni"],
  nl: ["Automatisering", "ICT", "Systemen"],
};

export const FIRST_NAMES: Record<NameCulture, readonly string[]> = {
  anglo: [
    "James",
    "Emily",
    "Michael",
    "Sarah",
    "David",
    "Laura",
    "Daniel",
    "Rachel",
    "Chris",
    "Megan",
    "Andrew",
    "Hannah",
    "Ben",
    "Olivia",
    "Ryan",
    "Grace",
    "Tom",
    "Natalie",
    "Sam",
    "Kate",
  ],
  fr: [
    "Julien",
    "Camille",
    "Nicolas",
    "Sophie",
    "Mathieu",
    "Claire",
    "Antoine",
    "Julie",
    "Thomas",
    "Élodie",
    "Guillaume",
    "Manon",
    "Pierre",
    "Aurélie",
    "Hugo",
    "Céline",
  ],
  de: [
    "Lukas",
    "Anna",
    "Felix",
    "Julia",
    "Jonas",
    "Katharina",
    "Stefan",
    "Lena",
    "Markus",
    "Sabine",
    "Tobias",
    "Miriam",
    "Florian",
    "Nina",
    "Jan",
    "Petra",
  ],
  es: [
    "Javier",
    "Lucía",
    "Carlos",
    "María",
    "Alejandro",
    "Carmen",
    "Diego",
    "Elena",
    "Pablo",
    "Sofía",
    "Andrés",
    "Valentina",
    "Miguel",
    "Paula",
    "Sergio",
    "Daniela",
  ],
  it: ["Marco", "Giulia", "Luca", "Francesca", "Alessandro", "Chiara", "Matteo", "Sara", "Andrea", "Elisa"],
  nl: ["Daan", "Sanne", "Bram", "Lotte", "Jeroen", "Femke", "Thijs", "Anouk", "Ruben", "Eva"],
  nordic: ["Erik", "Sofia", "Johan", "Emma", "Anders", "Maja", "Lars", "Elin", "Oskar", "Ingrid"],
  pl: ["Piotr", "Anna", "Tomasz", "Katarzyna", "Michał", "Magdalena", "Paweł", "Agnieszka"],
  pt: [
    "João",
    "Ana",
    "Lucas",
    "Mariana",
    "Rafael",
    "Beatriz",
    "Gabriel",
    "Camila",
    "Thiago",
    "Larissa",
    "Bruno",
    "Fernanda",
  ],
  ja: ["Hiroshi", "Yuki", "Takeshi", "Aiko", "Kenta", "Naomi", "Daisuke", "Haruka", "Shota", "Emi"],
  in: ["Rahul", "Priya", "Arjun", "Ananya", "Vikram", "Neha", "Rohan", "Kavya", "Aditya", "Sneha"],
  sg: [
    "Wei Ming",
    "Hui Min",
    "Jun Jie",
    "Li Ting",
    "Kai Wen",
    "Mei Ling",
    "Darren",
    "Rachel",
    "Marcus",
    "Joanne",
  ],
  ko: ["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Dong-hyun", "Su-bin", "Hyun-woo", "Ji-won"],
  ar: ["Omar", "Layla", "Khalid", "Noura", "Ahmed", "Fatima", "Yousef", "Mariam", "Hassan", "Sara"],
};

export const LAST_NAMES: Record<NameCulture, readonly string[]> = {
  anglo: [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Taylor",
    "Walker",
    "Harris",
    "Clarke",
    "Wright",
    "Mitchell",
    "Turner",
    "Parker",
    "Collins",
    "Edwards",
    "Hughes",
    "Morgan",
    "Cooper",
    "Bailey",
    "Reed",
    "Foster",
  ],
  fr: [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "Fournier",
    "Girard",
    "Bonnet",
    "Rousseau",
    "Faure",
  ],
  de: [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
  ],
  es: [
    "García",
    "Rodríguez",
    "Martínez",
    "López",
    "González",
    "Hernández",
    "Pérez",
    "Sánchez",
    "Ramírez",
    "Torres",
    "Flores",
    "Rivera",
    "Gómez",
    "Díaz",
    "Morales",
    "Ortiz",
    "Castro",
    "Romero",
  ],
  it: ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco"],
  nl: [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "de Boer",
  ],
  nordic: [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Lindqvist",
    "Berg",
  ],
  pl: ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Szymański"],
  pt: [
    "Silva",
    "Santos",
    "Oliveira",
    "Souza",
    "Lima",
    "Pereira",
    "Costa",
    "Rodrigues",
    "Almeida",
    "Nascimento",
    "Carvalho",
    "Ribeiro",
  ],
  ja: [
    "Sato",
    "Suzuki",
    "Takahashi",
    "Tanaka",
    "Watanabe",
    "Ito",
    "Yamamoto",
    "Nakamura",
    "Kobayashi",
    "Kato",
  ],
  in: ["Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Nair", "Menon", "Rao", "Singh", "Kapoor"],
  sg: ["Tan", "Lim", "Lee", "Ng", "Ong", "Wong", "Goh", "Chua", "Koh", "Teo"],
  ko: ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon"],
  ar: [
    "Al Mansoori",
    "Haddad",
    "Khoury",
    "Al Falasi",
    "Nasser",
    "Saleh",
    "Aziz",
    "Rahman",
    "Farouk",
    "Hamdan",
  ],
};

/** ASCII, lower-case slug for e-mail local parts and domains; words joined by the separator. */
export function asciiSlug(text: string, separator = ""): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0)
    .join(separator);
}
