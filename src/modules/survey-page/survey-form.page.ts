import { type MessageKey, translator } from "../../core/i18n/index.js";
import type {
  CustomQuestion,
  DriverArea,
  SurveyLanguage,
  SurveyQuestions,
} from "../../core/survey/questions.js";
import { html, type SafeHtml } from "../../http/html.js";
import { flag, type LanguageSwitch, renderDocument } from "./survey-layout.page.js";
import {
  DRIVER_SKIP,
  type FieldError,
  type FormValues,
  fieldName,
  MAX_REASON_LENGTH,
  MAX_TEXT_ANSWER_LENGTH,
} from "./survey-page.js";
import { pageTranslator } from "./survey-page.messages.js";

export interface SurveyFormView {
  language: SurveyLanguage;
  languages: LanguageSwitch;
  /** Where the form posts: the page's own path. */
  action: string;
  company: string;
  partner: string;
  anonymous: boolean;
  questions: SurveyQuestions;
  values: FormValues;
  errors: FieldError[];
  /** Shown when the invitation was already answered; the form then edits that answer. */
  editNotice: string | null;
}

type Translate = ReturnType<typeof translator>;

/** The response page: a plain HTML form that any client can read and post, with or without JavaScript. */
export function renderSurveyForm(view: SurveyFormView): string {
  const t = translator(view.language);
  const p = pageTranslator(view.language);
  const number = new Intl.NumberFormat(view.language);
  const errorOf = (field: string) => view.errors.find((error) => error.field === field);
  const message = (error: FieldError): string => {
    if (error.problem === "score_required") return t("survey.required");
    if (error.problem === "too_long") return p("tooLong", { max: number.format(error.max ?? 0) });
    return p(error.problem === "choose_option" ? "chooseOption" : "answerRequired");
  };
  const form: FormParts = {
    view,
    t,
    errorOf,
    message,
    optional: html` <span class="hint">(${t("survey.optional")})</span>`,
  };
  const summary =
    view.errors.length === 0
      ? ""
      : html`<div class="alert" role="alert" tabindex="-1" autofocus><h2>${t("survey.invalid")}</h2><ul>${view.errors.map(
          (error) => html`<li><a href="#${error.field}">${message(error)}</a></li>`,
        )}</ul></div>`;
  const body = html`<h1>${view.company}</h1><p>${t("survey.intro", { partner: view.partner })}</p>${
    view.anonymous && html`<p class="note">${t("survey.anonymous")}</p>`
  }${view.editNotice && html`<p class="note">${view.editNotice}</p>`}${summary}<form method="post" action="${view.action}" novalidate><input type="hidden" name="lang" value="${view.language}">${scoreField(form)}${
    view.questions.reason && reasonField(form)
  }${driverFields(form)}${view.questions.custom.map((question) => customField(form, question))}<button type="submit">${
    view.editNotice ? t("survey.update") : t("survey.submit")
  }</button></form>`;
  return renderDocument({
    language: view.language,
    title: t("page.footer", { company: view.company }),
    company: view.company,
    languages: view.languages,
    body,
  });
}

interface FormParts {
  view: SurveyFormView;
  t: Translate;
  errorOf: (field: string) => FieldError | undefined;
  message: (error: FieldError) => string;
  optional: SafeHtml;
}

/** The error line under a field and the attributes that tie it to the control (none when valid). */
function errorParts(form: FormParts, field: string, describedBy: string[] = []) {
  const error = form.errorOf(field);
  const ids = [...describedBy, ...(error ? [`${field}-error`] : [])].join(" ");
  return {
    line: error ? html`<p class="error" id="${field}-error">${form.message(error)}</p>` : "",
    attributes: html`${ids && html` aria-describedby="${ids}"`}${flag(error !== undefined, 'aria-invalid="true"')}`,
  };
}

function option(
  name: string,
  value: string,
  label: string,
  checked: boolean,
  extra: { id?: string; required?: boolean; className?: string } = {},
) {
  return html`<label class="opt${extra.className ? ` ${extra.className}` : ""}"><input type="radio" name="${name}" value="${value}"${
    extra.id && html` id="${extra.id}"`
  }${flag(extra.required === true, "required")}${flag(checked, "checked")}><span>${label}</span></label>`;
}

function scoreField(form: FormParts): SafeHtml {
  const { t, view } = form;
  const name = fieldName.score;
  const error = errorParts(form, name, ["score-anchors"]);
  const options = Array.from({ length: 11 }, (_, score) =>
    option(name, String(score), String(score), view.values.score === String(score), {
      required: true,
      ...(score === 0 ? { id: name } : {}),
    }),
  );
  return html`<fieldset role="radiogroup"${error.attributes}><legend>${t("survey.nps", { company: view.company })}</legend>${error.line}<div class="scale">${options}</div><p class="anchors" id="score-anchors"><span>${t("survey.scale.low")}</span><span>${t("survey.scale.high")}</span></p></fieldset>`;
}

function reasonField(form: FormParts): SafeHtml {
  const name = fieldName.reason;
  const error = errorParts(form, name);
  return html`<div class="field"><label for="${name}">${form.t("survey.reason")}${form.optional}</label>${error.line}<textarea id="${name}" name="${name}" rows="4" maxlength="${MAX_REASON_LENGTH}"${error.attributes}>${form.view.values.reason}</textarea></div>`;
}

function driverFields(form: FormParts): SafeHtml | string {
  const { t, view } = form;
  if (view.questions.drivers.length === 0) return "";
  const groups = view.questions.drivers.map((area: DriverArea) => {
    const name = fieldName.driver(area);
    const chosen = view.values.drivers[area];
    const error = errorParts(form, name, ["drivers-scale"]);
    const ratings = [1, 2, 3, 4, 5].map((rating) =>
      option(
        name,
        String(rating),
        String(rating),
        chosen === String(rating),
        rating === 1 ? { id: name } : {},
      ),
    );
    const skip = option(name, DRIVER_SKIP, t("survey.drivers.skip"), chosen === DRIVER_SKIP, {
      className: "na",
    });
    const key: MessageKey = `driver.${area}`;
    return html`<fieldset role="radiogroup"${error.attributes}><legend>${t(key)}</legend>${error.line}<div class="rating">${ratings}${skip}</div></fieldset>`;
  });
  return html`<fieldset><legend>${t("survey.drivers.title")}${form.optional}</legend><p class="hint" id="drivers-scale">${t("survey.drivers.scale")}</p>${groups}</fieldset>`;
}

/** Question and option texts in the page language, else English, marked as such for screen readers. */
function localized(
  text: Record<string, string | undefined> & { en: string },
  language: SurveyLanguage,
): SafeHtml {
  const own = text[language];
  return own ? html`${own}` : html`<span lang="en">${text.en}</span>`;
}

function customField(form: FormParts, question: CustomQuestion): SafeHtml {
  const { view } = form;
  const name = fieldName.custom(question.id);
  const posted = view.values.custom[question.id] ?? [];
  const error = errorParts(form, name);
  const title = html`${localized(question.text, view.language)}${!question.required && form.optional}`;
  if (question.type === "text") {
    return html`<div class="field"><label for="${name}">${title}</label>${error.line}<textarea id="${name}" name="${name}" rows="3" maxlength="${MAX_TEXT_ANSWER_LENGTH}"${flag(question.required, "required")}${error.attributes}>${posted[0] ?? ""}</textarea></div>`;
  }
  if (question.type === "rating") {
    const ratings = Array.from({ length: question.scale }, (_, index) =>
      option(name, String(index + 1), String(index + 1), posted.includes(String(index + 1)), {
        required: question.required,
        ...(index === 0 ? { id: name } : {}),
      }),
    );
    return html`<fieldset role="radiogroup"${error.attributes}><legend>${title}</legend>${error.line}<div class="scale">${ratings}</div></fieldset>`;
  }
  const type = question.type === "single" ? "radio" : "checkbox";
  const choices = question.options.map(
    (choice, index) =>
      html`<label class="choice"><input type="${type}" name="${name}" value="${choice.id}"${index === 0 && html` id="${name}"`}${flag(
        question.required && type === "radio",
        "required",
      )}${flag(posted.includes(choice.id), "checked")}>${localized(choice.label, view.language)}</label>`,
  );
  return html`<fieldset${type === "radio" && html` role="radiogroup"`}${error.attributes}><legend>${title}</legend>${error.line}${choices}</fieldset>`;
}
