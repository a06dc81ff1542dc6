import type { SurveyLanguage } from "../../core/survey/questions.js";

/**
 * Texts the response page needs beyond the shared survey catalog (core/i18n), in the same four languages:
 * field errors other than the score, and the variants for surveys without a closing date.
 */
interface PageMessages {
  tooLong: string;
  chooseOption: string;
  answerRequired: string;
  editNoticeOpenEnded: string;
  thanksOpenEnded: string;
  closedUndated: string;
  errorTitle: string;
  errorBody: string;
}

const catalogs: Record<SurveyLanguage, PageMessages> = {
  en: {
    tooLong: "Please shorten this answer to {max} characters or fewer.",
    chooseOption: "Please choose one of the options shown.",
    answerRequired: "Please answer this question.",
    editNoticeOpenEnded: "You already answered. You can change your answers with this link.",
    thanksOpenEnded: "Your answers were saved. You can change them with the same link.",
    closedUndated:
      "This survey is closed, so answers can no longer be given or changed. Thank you for your time.",
    errorTitle: "Something went wrong",
    errorBody: "Please try again in a moment.",
  },
  fr: {
    tooLong: "Veuillez raccourcir cette réponse à {max} caractères au maximum.",
    chooseOption: "Veuillez choisir l’une des options proposées.",
    answerRequired: "Veuillez répondre à cette question.",
    editNoticeOpenEnded: "Vous avez déjà répondu. Vous pouvez modifier vos réponses avec ce lien.",
    thanksOpenEnded: "Vos réponses ont été enregistrées. Vous pouvez les modifier avec le même lien.",
    closedUndated:
      "Cette enquête est close : il n’est plus possible de répondre ni de modifier ses réponses. Merci de votre temps.",
    errorTitle: "Une erreur s’est produite",
    errorBody: "Veuillez réessayer dans un instant.",
  },
  de: {
    tooLong: "Bitte kürzen Sie diese Antwort auf höchstens {max} Zeichen.",
    chooseOption: "Bitte wählen Sie eine der angebotenen Optionen.",
    answerRequired: "Bitte beantworten Sie diese Frage.",
    editNoticeOpenEnded: "Sie haben bereits geantwortet. Über diesen Link können Sie Ihre Antworten ändern.",
    thanksOpenEnded: "Ihre Antworten wurden gespeichert. Über denselben Link können Sie sie ändern.",
    closedUndated:
      "Diese Umfrage ist beendet; Antworten können nicht mehr abgegeben oder geändert werden. Vielen Dank für Ihre Zeit.",
    errorTitle: "Etwas ist schiefgelaufen",
    errorBody: "Bitte versuchen Sie es gleich noch einmal.",
  },
  es: {
    tooLong: "Acorte esta respuesta a {max} caracteres como máximo.",
    chooseOption: "Elija una de las opciones propuestas.",
    answerRequired: "Responda a esta pregunta.",
    editNoticeOpenEnded: "Ya ha respondido. Puede cambiar sus respuestas con este enlace.",
    thanksOpenEnded: "Sus respuestas se han guardado. Puede cambiarlas con el mismo enlace.",
    closedUndated:
      "Esta encuesta está cerrada: ya no se pueden dar ni cambiar respuestas. Gracias por su tiempo.",
    errorTitle: "Algo ha salido mal",
    errorBody: "Vuelva a intentarlo en un momento.",
  },
};

export type PageMessageKey = keyof PageMessages;

export function pageTranslator(language: SurveyLanguage) {
  const messages = catalogs[language];
  return (key: PageMessageKey, values: Record<string, string | number> = {}): string =>
    messages[key].replace(/\{(\w+)\}/g, (match, name: string) =>
      name in values ? String(values[name]) : match,
    );
}
