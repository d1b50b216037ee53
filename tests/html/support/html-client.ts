/**
 * A browser without JavaScript, for the HTML tier: it fetches pages from the real server, keeps
 * cookies, follows redirects, parses the HTML (linkedom) and submits forms as a browser would
 * (the controls' names and values, the button pressed, the page's Origin). What a reader without
 * JavaScript meets is exactly this, at about a tenth of a browser's cost, so every page and every
 * plain-form path (the bad-input loops included) is tested here and not in Chromium.
 *
 * Lookups are by what a person reads (a label's text, a button's or link's words), exact after
 * collapsing white space, and fail with the choices the page offered so a failure says what changed.
 */
import { parseHTML } from 'linkedom';

type Element = ReturnType<typeof parseHTML>['document']['documentElement'];
type Document = ReturnType<typeof parseHTML>['document'];

/** Text as a person reads it: white space collapsed, trimmed. */
export const normalize = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Follow redirects (default); false answers the redirect itself. */
  follow?: boolean;
}

/** One visitor: a cookie jar and the pages it opens. Two visitors never share cookies. */
export class Visitor {
  readonly cookies = new Map<string, string>();
  readonly baseUrl: string;
  private readonly defaults: { acceptLanguage?: string };

  constructor(baseUrl: string, defaults: { acceptLanguage?: string } = {}) {
    this.baseUrl = baseUrl;
    this.defaults = defaults;
  }

  url(path: string): URL {
    return new URL(path, this.baseUrl);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const equals = pair.indexOf('=');
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key = '', setting = ''] = attribute.split('=').map((part) => part.trim());
        if (key.toLowerCase() === 'max-age') return Number(setting) <= 0;
        if (key.toLowerCase() === 'expires') return Date.parse(setting) <= Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** One request, cookies sent and kept; redirects are not followed. */
  async request(path: string | URL, init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {}): Promise<Response> {
    const url = typeof path === 'string' ? this.url(path) : path;
    const headers: Record<string, string> = { ...(this.defaults.acceptLanguage ? { 'accept-language': this.defaults.acceptLanguage } : {}), ...init.headers };
    const cookie = this.cookieHeader();
    if (cookie && !Object.keys(headers).some((name) => name.toLowerCase() === 'cookie')) headers.cookie = cookie;
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.remember(response);
    return response;
  }

  /** Opens a page (following redirects as a browser does) and parses it. */
  async get(path: string | URL, options: RequestOptions = {}): Promise<HtmlPage> {
    return this.navigate(typeof path === 'string' ? this.url(path) : path, { method: 'GET' }, options);
  }

  /** Posts a form body to a page, as its form would, from the page's own origin. */
  async post(path: string | URL, body: URLSearchParams | Record<string, string>, options: RequestOptions = {}): Promise<HtmlPage> {
    const url = typeof path === 'string' ? this.url(path) : path;
    const form = body instanceof URLSearchParams ? body : new URLSearchParams(body);
    return this.navigate(url, { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url.origin, ...options.headers } }, options);
  }

  /** Posts a multipart form body (a form with a file input, `enctype="multipart/form-data"`), from the page's own origin. */
  async postMultipart(path: string | URL, body: FormData, options: RequestOptions = {}): Promise<HtmlPage> {
    const url = typeof path === 'string' ? this.url(path) : path;
    // fetch writes the multipart body and its boundary into the Content-Type.
    return this.navigate(url, { method: 'POST', body, headers: { origin: url.origin, ...options.headers } }, options);
  }

  private async navigate(url: URL, init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> }, options: RequestOptions): Promise<HtmlPage> {
    let response = await this.request(url, { ...init, headers: { ...init.headers, ...options.headers } });
    let current = url;
    const redirects: URL[] = [];
    while (options.follow !== false && REDIRECTS.has(response.status)) {
      const location = response.headers.get('location');
      if (!location) break;
      if (redirects.length >= 10) throw new Error(`more than 10 redirects from ${url}`);
      redirects.push(current);
      current = new URL(location, current);
      const keepBody = response.status === 307 || response.status === 308;
      response = await this.request(current, keepBody ? init : { method: 'GET', ...(options.headers ? { headers: options.headers } : {}) });
    }
    const body = await response.text();
    return new HtmlPage(this, current, response.status, response.headers, body, redirects);
  }
}

/** A page as the server sent it, parsed. */
export class HtmlPage {
  readonly document: Document;
  readonly visitor: Visitor;
  readonly url: URL;
  readonly status: number;
  readonly headers: Headers;
  readonly html: string;
  /** The addresses that redirected here, in order. */
  readonly redirects: URL[];

  constructor(visitor: Visitor, url: URL, status: number, headers: Headers, html: string, redirects: URL[]) {
    this.visitor = visitor;
    this.url = url;
    this.status = status;
    this.headers = headers;
    this.html = html;
    this.redirects = redirects;
    this.document = parseHTML(html).document;
  }

  get path(): string {
    return this.url.pathname;
  }

  get title(): string {
    return normalize(this.document.querySelector('title')?.textContent);
  }

  get lang(): string {
    return this.document.documentElement.getAttribute('lang') ?? '';
  }

  get classes(): string[] {
    return (this.document.documentElement.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);
  }

  /** The first h1's text. */
  get h1(): string {
    return normalize(this.document.querySelector('h1')?.textContent);
  }

  all(selector: string, within: Element | Document = this.document): Element[] {
    return [...within.querySelectorAll(selector)] as Element[];
  }

  has(selector: string): boolean {
    return this.document.querySelector(selector) !== null;
  }

  one(selector: string, within: Element | Document = this.document): Element {
    const found = within.querySelector(selector) as Element | null;
    if (!found) throw new Error(`${this.path} has no ${selector}`);
    return found;
  }

  /** The text of the first element matching, or of <main>. */
  text(selector = 'main'): string {
    return normalize(this.document.querySelector(selector)?.textContent);
  }

  /** The texts of every element matching. */
  texts(selector: string, within: Element | Document = this.document): string[] {
    return this.all(selector, within).map((element) => normalize(element.textContent));
  }

  /** Whether some element's whole text is exactly this (as Playwright's getByText with exact: true). */
  hasExactText(text: string, within: Element | Document = this.document): boolean {
    const wanted = normalize(text);
    return this.all('body *', within).some((element) => normalize(element.textContent) === wanted);
  }

  /** The text of the element with this role (an explicit role attribute). */
  role(role: 'status' | 'alert' | 'note' | 'search'): string {
    return this.text(`[role="${role}"]`);
  }

  /** The field's own message, `#<id>-error`, or '' when there is none. */
  errorFor(fieldId: string): string {
    return this.text(`#${cssEscape(fieldId)}-error`);
  }

  /** The error summary's links: what each says and where it leads. */
  get errorSummary(): { text: string; href: string }[] {
    return this.all('[role="alert"] a').map((link) => ({ text: normalize(link.textContent), href: link.getAttribute('href') ?? '' }));
  }

  /** The form control a label names (its `for`), or the control inside the label. */
  field(labelText: string, within: Element | Document = this.document): Element {
    const labels = this.all('label', within);
    const label = labels.find((candidate) => normalize(candidate.textContent) === normalize(labelText));
    if (!label) throw new Error(`${this.path} has no label "${labelText}"; it has: ${labels.map((l) => `"${normalize(l.textContent)}"`).join(', ')}`);
    const target = label.getAttribute('for');
    const control = target ? this.document.getElementById(target) : label.querySelector('input, select, textarea');
    if (!control) throw new Error(`the label "${labelText}" on ${this.path} names no control`);
    return control as Element;
  }

  /** A control's current value as the reader sees it (a text box's text, a radio's or check box's value when checked, else ''). */
  valueOf(labelText: string): string {
    return controlValue(this.field(labelText));
  }

  isChecked(labelText: string): boolean {
    return this.field(labelText).hasAttribute('checked');
  }

  /** What assistive technology reads as the control's description: the texts its aria-describedby names. */
  descriptionOf(element: Element): string {
    const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    return normalize(ids.map((id) => this.document.getElementById(id)?.textContent ?? '').join(' '));
  }

  /** Links whose words (or aria-label) are exactly `name`, or match it. */
  links(name: string | RegExp, within: Element | Document = this.document): Element[] {
    return this.all('a[href]', within).filter((link) => matches(accessibleName(link), name));
  }

  link(name: string | RegExp, within: Element | Document = this.document): Element {
    const [link] = this.links(name, within);
    if (!link) throw new Error(`${this.path} has no link "${name}"; it has: ${this.all('a[href]', within).map((l) => `"${accessibleName(l)}"`).join(', ')}`);
    return link;
  }

  hrefOf(name: string | RegExp, within: Element | Document = this.document): string {
    return this.link(name, within).getAttribute('href') ?? '';
  }

  buttons(name: string | RegExp, within: Element | Document = this.document): Element[] {
    return this.all('button, input[type="submit"]', within).filter((button) => matches(accessibleName(button), name));
  }

  /** Follows a link as a click would. */
  async follow(name: string | RegExp, within?: Element): Promise<HtmlPage> {
    return this.visitor.get(new URL(this.hrefOf(name, within ?? this.document), this.url));
  }

  /** The form that holds the button with these words (the first, when several do). */
  form(buttonName: string | RegExp): Form {
    const [button] = this.buttons(buttonName);
    if (!button) throw new Error(`${this.path} has no button "${buttonName}"; it has: ${this.all('button').map((b) => `"${accessibleName(b)}"`).join(', ')}`);
    const form = button.closest('form') as Element | null;
    if (!form) throw new Error(`the button "${buttonName}" on ${this.path} is not in a form`);
    return new Form(this, form, button);
  }

  /** Presses the button: submits its form as it stands. */
  async press(buttonName: string | RegExp): Promise<HtmlPage> {
    return this.form(buttonName).submit();
  }
}

/** A file as `Form.attach` chooses it. */
export interface AttachedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** A form on a page: fill it in by its labels, then submit it. Changes are made to the page's own DOM. */
export class Form {
  readonly page: HtmlPage;
  readonly element: Element;
  private readonly button: Element;
  /** Files chosen for the form's file inputs (attach). */
  private readonly files = new Map<Element, AttachedFile>();

  constructor(page: HtmlPage, element: Element, button: Element) {
    this.page = page;
    this.element = element;
    this.button = button;
  }

  private control(labelText: string): Element {
    return this.page.field(labelText, this.element);
  }

  fill(labelText: string, value: string): this {
    setValue(this.control(labelText), value);
    return this;
  }

  /** Checks the radio or check box a label names (unchecking the radio's group). */
  check(labelText: string): this {
    check(this.element, this.control(labelText));
    return this;
  }

  /** Chooses a file for the file input a label names, as a person picking one from their device would. */
  attach(labelText: string, file: AttachedFile): this {
    const control = this.control(labelText);
    if (control.getAttribute('type') !== 'file') throw new Error(`${labelText} on ${this.page.path} is not a file input`);
    this.files.set(control, file);
    return this;
  }

  uncheck(labelText: string): this {
    this.control(labelText).removeAttribute('checked');
    return this;
  }

  /** Sets a control by its name, whatever kind (a hidden one too): a radio by value. */
  set(name: string, value: string): this {
    const controls = this.page.all(`[name="${cssEscape(name)}"]`, this.element);
    if (controls.length === 0) throw new Error(`the form on ${this.page.path} has no control named ${name}`);
    const radios = controls.filter((control) => control.getAttribute('type') === 'radio');
    if (radios.length > 0) {
      const radio = radios.find((candidate) => candidate.getAttribute('value') === value);
      if (!radio) throw new Error(`the form on ${this.page.path} has no ${name} radio of value ${value}`);
      check(this.element, radio);
    } else setValue(controls[0] as Element, value);
    return this;
  }

  /** The body the form sends (the pressed button's name and value included), as the HTML standard builds it. */
  values(): URLSearchParams {
    const body = new URLSearchParams();
    for (const control of this.page.all('input, select, textarea, button', this.element)) {
      const name = control.getAttribute('name');
      if (!name || control.hasAttribute('disabled')) continue;
      const tag = control.tagName.toLowerCase();
      const type = (control.getAttribute('type') ?? (tag === 'button' ? 'submit' : 'text')).toLowerCase();
      if (tag === 'button' || type === 'submit' || type === 'image' || type === 'reset') {
        if (control === this.button) body.append(name, control.getAttribute('value') ?? '');
        continue;
      }
      if ((type === 'radio' || type === 'checkbox') && !control.hasAttribute('checked')) continue;
      if (type === 'file') continue;
      body.append(name, controlValue(control, true));
    }
    return body;
  }

  /** Sends the form (GET or POST, to its action or its own page) and opens the answer. */
  async submit(options: { headers?: Record<string, string> } = {}): Promise<HtmlPage> {
    const action = new URL(this.button.getAttribute('formaction') ?? this.element.getAttribute('action') ?? this.page.url.href, this.page.url);
    const method = (this.button.getAttribute('formmethod') ?? this.element.getAttribute('method') ?? 'get').toLowerCase();
    if (method === 'get') {
      action.search = this.values().toString();
      return this.page.visitor.get(action, options);
    }
    if ((this.element.getAttribute('enctype') ?? '').toLowerCase() === 'multipart/form-data') return this.page.visitor.postMultipart(action, this.multipart(), options);
    return this.page.visitor.post(action, this.values(), options);
  }

  /** The multipart body: the form's values in order, each file input with its chosen file or, as browsers send an input left empty, a part with no name and no bytes. */
  private multipart(): FormData {
    const body = new FormData();
    const named = new Set<string>();
    for (const control of this.page.all('input[type="file"]', this.element)) {
      const name = control.getAttribute('name');
      if (!name || control.hasAttribute('disabled')) continue;
      named.add(name);
      const file = this.files.get(control);
      body.append(name, file ? new File([new Uint8Array(file.bytes)], file.name, { type: file.type }) : new File([], '', { type: 'application/octet-stream' }));
    }
    for (const [name, value] of this.values()) body.append(name, value);
    return body;
  }
}

function accessibleName(element: Element): string {
  return normalize(element.getAttribute('aria-label') ?? element.textContent ?? element.getAttribute('value'));
}

function matches(text: string, name: string | RegExp): boolean {
  return typeof name === 'string' ? text === normalize(name) : name.test(text);
}

function controlValue(control: Element, forSubmission = false): string {
  const tag = control.tagName.toLowerCase();
  if (tag === 'textarea') return control.textContent ?? '';
  if (tag === 'select') {
    const selected = control.querySelector('option[selected]') ?? control.querySelector('option');
    return selected?.getAttribute('value') ?? normalize(selected?.textContent);
  }
  const type = (control.getAttribute('type') ?? 'text').toLowerCase();
  if ((type === 'radio' || type === 'checkbox') && !forSubmission) return control.hasAttribute('checked') ? (control.getAttribute('value') ?? 'on') : '';
  if (type === 'radio' || type === 'checkbox') return control.getAttribute('value') ?? 'on';
  return control.getAttribute('value') ?? '';
}

function setValue(control: Element, value: string): void {
  const tag = control.tagName.toLowerCase();
  if (tag === 'textarea') control.textContent = value;
  else if (tag === 'select') {
    const options = [...control.querySelectorAll('option')];
    const option = options.find((candidate) => (candidate.getAttribute('value') ?? normalize(candidate.textContent)) === value || normalize(candidate.textContent) === value);
    if (!option) throw new Error(`no option ${value} in the select ${control.getAttribute('name')}`);
    for (const other of options) other.removeAttribute('selected');
    option.setAttribute('selected', '');
  } else control.setAttribute('value', value);
}

function check(form: Element, control: Element): void {
  if (control.getAttribute('type') === 'radio') {
    for (const other of form.querySelectorAll(`input[type="radio"][name="${cssEscape(control.getAttribute('name') ?? '')}"]`)) other.removeAttribute('checked');
  }
  control.setAttribute('checked', '');
}

function cssEscape(text: string): string {
  return text.replace(/["\\]/g, '\\$&');
}
