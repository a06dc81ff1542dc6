import type { Messages } from "./messages.en.js";

export const fr: Messages = {
  "language.name": "Français",
  "survey.nps":
    "Quelle est la probabilité que vous recommandiez {company} comme partenaire à d’autres entreprises ?",
  "survey.scale.low": "0 – Pas du tout probable",
  "survey.scale.high": "10 – Extrêmement probable",
  "survey.reason": "Quelle est la principale raison de votre note ?",
  "survey.drivers.title":
    "Quel est votre niveau de satisfaction pour ces volets de notre programme partenaires ?",
  "survey.drivers.scale": "1 = très insatisfait, 5 = très satisfait",
  "survey.drivers.skip": "Sans objet",
  "driver.enablement": "Formation et accompagnement",
  "driver.deal_registration": "Enregistrement des affaires",
  "driver.co_marketing_mdf": "Co-marketing et fonds marketing (MDF)",
  "driver.technical_support": "Support technique",
  "driver.communication": "Communication",
  "driver.profitability": "Rentabilité",
  "driver.ease_of_doing_business": "Facilité de collaboration",
  "survey.submit": "Envoyer mes réponses",
  "survey.update": "Mettre à jour mes réponses",
  "survey.required": "Veuillez choisir une note de 0 à 10.",
  "survey.invalid": "Certaines réponses demandent votre attention.",
  "survey.intro":
    "{partner}, votre avis sincère nous aide à construire un meilleur partenariat. Cela prend environ une minute.",
  "survey.anonymous": "Vos réponses sont anonymes : votre responsable partenaire les voit sans votre nom.",
  "survey.edit_notice": "Vous avez déjà répondu. Vous pouvez modifier vos réponses jusqu’au {date}.",
  "survey.language": "Langue",
  "survey.optional": "facultatif",
  "thanks.title": "Merci !",
  "thanks.body":
    "Vos réponses ont été enregistrées. Vous pouvez les modifier jusqu’au {date} avec le même lien.",
  "thanks.edit": "Modifier mes réponses",
  "closed.title": "Cette enquête est close",
  "closed.body":
    "Cette enquête a pris fin le {date} : il n’est plus possible de répondre ni de modifier ses réponses. Merci de votre temps.",
  "invalid.title": "Ce lien ne fonctionne pas",
  "invalid.body":
    "Le lien est peut-être incomplet ou n’est plus valide. Utilisez le lien complet de votre e-mail d’invitation.",
  "ratelimited.title": "Trop de requêtes",
  "ratelimited.body": "Veuillez patienter un instant puis réessayer.",
  "unsubscribe.title": "Ne plus recevoir les enquêtes partenaires",
  "unsubscribe.body":
    "Vous ne recevrez plus d’enquêtes de satisfaction partenaires de {company} à l’adresse {email}.",
  "unsubscribe.confirm": "Me désinscrire",
  "unsubscribe.done": "Vous êtes désinscrit. Vous ne recevrez plus d’enquêtes de {company}.",
  "email.subject": "{company} aimerait connaître votre avis de partenaire",
  "email.greeting": "Bonjour {name},",
  "email.greeting_anonymous": "Bonjour,",
  "email.body":
    "Quelle est la probabilité que vous recommandiez {company} comme partenaire à d’autres entreprises ? Choisissez une note ci-dessous pour ouvrir la courte enquête ; votre note compte une fois confirmée.",
  "email.scale_hint": "0 = pas du tout probable, 10 = extrêmement probable",
  "email.cta": "Ouvrir l’enquête",
  "email.closes": "L’enquête est ouverte jusqu’au {date}.",
  "email.reminder_subject": "Rappel : {company} aimerait connaître votre avis de partenaire",
  "email.footer": "Vous recevez cet e-mail car vous travaillez avec {company} en tant que partenaire.",
  "email.unsubscribe": "Se désinscrire des enquêtes partenaires",
  "page.footer": "Enquête partenaires de {company}",
};
