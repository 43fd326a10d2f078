/// The one stylesheet, served at /assets/conduit.css. It follows the patterns of
/// the GOV.UK Design System (whose components the views reuse by shape, under a
/// `c-` prefix): system fonts, large readable text, a visible focus state on
/// everything that takes focus, and nothing that depends on JavaScript.
enum Stylesheet {
    static let css = #"""
:root {
  --text: #0b0c0c; --secondary-text: #505a5f; --link: #1d70b8; --link-visited: #4c2c92;
  --link-hover: #003078; --focus: #ffdd00; --border: #b1b4b6; --input-border: #0b0c0c;
  --error: #d4351c; --success: #00703c; --brand: #1d3f5e; --light-grey: #f3f2f1;
  --button: #00703c; --button-shadow: #002d18; --warning: #d4351c;
}
*, *::before, *::after { box-sizing: border-box; }
html { background: var(--light-grey); -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: #fff; color: var(--text);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 1.1875rem; line-height: 1.32;
}
:focus-visible { outline: 3px solid var(--focus); outline-offset: 0; box-shadow: 0 0 0 6px var(--text); }

/* Skip link, hidden text */
.c-skip-link { position: absolute; left: -9999px; top: 0; padding: 10px 15px; background: var(--focus); color: var(--text); }
.c-skip-link:focus { left: 0; z-index: 10; }
.c-visually-hidden {
  position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important;
  padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; white-space: nowrap !important; border: 0 !important;
}

/* Page structure */
.c-width-container { max-width: 1100px; margin: 0 15px; }
@media (min-width: 40.0625em) { .c-width-container { margin: 0 30px; } }
@media (min-width: 1160px) { .c-width-container { margin: 0 auto; } }
.c-main { display: block; padding: 20px 0 40px; }
@media (min-width: 40.0625em) { .c-main { padding: 40px 0 60px; } }
.c-main:focus { outline: none; }

.c-header { background: var(--brand); color: #fff; border-bottom: 10px solid var(--link); }
.c-header__container { display: flex; flex-wrap: wrap; align-items: baseline; gap: 5px 20px; padding: 12px 0 8px; }
.c-header__service { color: #fff; font-weight: 700; font-size: 1.5rem; text-decoration: none; }
.c-header__service:link, .c-header__service:visited { color: #fff; }
.c-header__partnership { color: #fff; font-size: 1rem; }
.c-header__nav { flex-basis: 100%; }
.c-header__nav ul { display: flex; flex-wrap: wrap; align-items: center; gap: 5px 20px; margin: 0; padding: 0; list-style: none; }
.c-header__link, .c-header__link:link, .c-header__link:visited { color: #fff; font-weight: 700; font-size: 1rem; text-decoration: none; }
.c-header__link:hover { text-decoration: underline; text-decoration-thickness: 3px; }
.c-header__link:focus-visible { color: var(--text); background: var(--focus); box-shadow: 0 -2px var(--focus), 0 4px var(--text); outline: none; }
.c-header__signout { margin: 0; }
.c-header__signout button {
  font: inherit; font-size: 1rem; font-weight: 700; color: #fff; background: none; border: 0; padding: 0;
  text-decoration: underline; cursor: pointer;
}
.c-header__signout button:focus-visible { color: var(--text); background: var(--focus); outline: none; box-shadow: 0 4px var(--text); }

.c-footer { background: var(--light-grey); border-top: 1px solid var(--border); padding: 25px 0 15px; color: var(--secondary-text); }

.c-grid-row { display: flex; flex-wrap: wrap; margin: 0 -15px; }
.c-grid-column-two-thirds, .c-grid-column-one-half, .c-grid-column-one-third, .c-grid-column-full { padding: 0 15px; width: 100%; }
@media (min-width: 40.0625em) {
  .c-grid-column-two-thirds { width: 66.6667%; }
  .c-grid-column-one-half { width: 50%; }
  .c-grid-column-one-third { width: 33.3333%; }
}

/* Typography */
.c-heading-xl, .c-heading-l, .c-heading-m, .c-heading-s { margin: 0 0 20px; font-weight: 700; color: var(--text); }
.c-heading-xl { font-size: 2rem; line-height: 1.09; margin-bottom: 30px; }
.c-heading-l { font-size: 1.5rem; line-height: 1.04; }
.c-heading-m { font-size: 1.125rem; line-height: 1.11; margin-bottom: 15px; }
.c-heading-s { font-size: 1rem; margin-bottom: 15px; }
@media (min-width: 40.0625em) {
  .c-heading-xl { font-size: 3rem; margin-bottom: 50px; }
  .c-heading-l { font-size: 2.25rem; margin-bottom: 30px; }
  .c-heading-m { font-size: 1.5rem; margin-bottom: 20px; }
  .c-heading-s { font-size: 1.1875rem; margin-bottom: 20px; }
}
.c-caption-l, .c-caption-m { display: block; color: var(--secondary-text); margin-bottom: 5px; }
.c-caption-l { font-size: 1.125rem; }
.c-caption-m { font-size: 1rem; }
@media (min-width: 40.0625em) { .c-caption-l { font-size: 1.5rem; } .c-caption-m { font-size: 1.1875rem; } }
.c-body, .c-body-s, .c-body-lead { margin: 0 0 20px; }
.c-body-s { font-size: 1rem; line-height: 1.25; margin-bottom: 15px; }
.c-body-lead { font-size: 1.3rem; }
@media (min-width: 40.0625em) { .c-body-lead { font-size: 1.5rem; margin-bottom: 30px; } }
.c-hint { display: block; color: var(--secondary-text); margin-bottom: 15px; }
.c-code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.95em; background: var(--light-grey); padding: 0 4px; word-break: break-all; }

.c-link, .c-link:link { color: var(--link); text-decoration: underline; text-underline-offset: 0.1578em; }
.c-link:visited { color: var(--link-visited); }
.c-link:hover { color: var(--link-hover); text-decoration-thickness: 3px; }
.c-link:focus-visible { color: var(--text); background: var(--focus); outline: none; box-shadow: 0 -2px var(--focus), 0 4px var(--text); text-decoration: none; }

.c-list { margin: 0 0 20px; padding: 0; list-style: none; }
.c-list > li { margin-bottom: 5px; }
.c-list--bullet { list-style: disc; padding-left: 20px; }
.c-list--number { list-style: decimal; padding-left: 20px; }

.c-warning-text { position: relative; padding: 10px 0 10px 50px; margin-bottom: 20px; font-weight: 700; }
.c-warning-text::before {
  content: "!"; position: absolute; left: 0; top: 50%; margin-top: -17px; width: 35px; height: 35px;
  border-radius: 50%; background: var(--text); color: #fff; font-size: 1.875rem; line-height: 35px; text-align: center;
}

/* Forms */
.c-form-group { margin-bottom: 20px; }
@media (min-width: 40.0625em) { .c-form-group { margin-bottom: 30px; } }
.c-form-group--error { padding-left: 15px; border-left: 5px solid var(--error); }
.c-label { display: block; margin-bottom: 5px; font-weight: 400; }
.c-fieldset { margin: 0; padding: 0; border: 0; min-width: 0; }
.c-fieldset__legend { display: table; max-width: 100%; margin-bottom: 10px; padding: 0; white-space: normal; }
.c-fieldset__legend--m { font-weight: 700; font-size: 1.125rem; margin-bottom: 15px; }
@media (min-width: 40.0625em) { .c-fieldset__legend--m { font-size: 1.5rem; } }
.c-error-message { display: block; clear: both; margin-bottom: 15px; color: var(--error); font-weight: 700; }

.c-input, .c-select {
  font: inherit; font-size: 1.1875rem; height: 2.5rem; margin: 0; padding: 5px;
  border: 2px solid var(--input-border); border-radius: 0; background: #fff; color: var(--text);
}
.c-input { width: 100%; appearance: none; }
textarea.c-input { height: auto; min-height: 6rem; resize: vertical; }
.c-select { min-width: 11.5em; max-width: 100%; }
.c-input:focus, .c-select:focus { outline: 3px solid var(--focus); outline-offset: 0; box-shadow: inset 0 0 0 2px; }
.c-input--error, .c-select--error { border-color: var(--error); }
.c-input--width-2 { max-width: 5.4ex; }
.c-input--width-4 { max-width: 9ex; }
.c-input--width-10 { max-width: 23ex; }
.c-input--width-20 { max-width: 41ex; }
.c-input--width-30 { max-width: 59ex; }

.c-radios__item { display: flex; align-items: flex-start; margin-bottom: 10px; }
.c-radios__input { width: 30px; height: 30px; margin: 2px 10px 0 0; flex: none; accent-color: var(--text); }
.c-radios__label { padding-top: 5px; cursor: pointer; }
.c-radios__input:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }

.c-checkboxes__item { display: flex; align-items: flex-start; margin-bottom: 10px; }
.c-checkboxes__input { width: 30px; height: 30px; margin: 2px 10px 0 0; flex: none; accent-color: var(--text); }
.c-checkboxes__label { padding-top: 5px; cursor: pointer; }
.c-checkboxes__input:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.c-checkboxes--small { display: flex; flex-wrap: wrap; gap: 0 25px; }
.c-checkboxes--small .c-checkboxes__input { width: 22px; height: 22px; }
.c-checkboxes--small .c-checkboxes__label { padding-top: 2px; }
.c-textarea { height: auto; min-height: 6rem; resize: vertical; }
.c-date-input { display: flex; flex-wrap: wrap; gap: 0 20px; }
.c-date-input__item { margin-bottom: 0; }
.c-date-input__label { display: block; margin-bottom: 5px; }
.c-date-input__input { margin-bottom: 0; }

.c-button {
  display: inline-block; position: relative; width: auto; margin: 0 0 22px; padding: 8px 10px 7px;
  font: inherit; font-size: 1.1875rem; line-height: 1.2; text-align: center; text-decoration: none; vertical-align: top;
  color: #fff; background: var(--button); border: 2px solid transparent; border-radius: 0;
  box-shadow: 0 2px 0 var(--button-shadow); cursor: pointer; appearance: none;
}
.c-button:link, .c-button:visited { color: #fff; }
.c-button:hover { background: #005a30; }
.c-button:active { top: 2px; box-shadow: none; }
.c-button:focus-visible { color: var(--text); background: var(--focus); border-color: var(--focus); outline: 3px solid transparent; box-shadow: inset 0 0 0 1px var(--focus), 0 2px 0 var(--text); }
.c-button--secondary, .c-button--secondary:link, .c-button--secondary:visited { color: var(--text); background: var(--light-grey); box-shadow: 0 2px 0 #858688; }
.c-button--secondary:hover { background: #dbdad9; }
.c-button--warning, .c-button--warning:link, .c-button--warning:visited { color: #fff; background: var(--warning); box-shadow: 0 2px 0 #55150b; }
.c-button--warning:hover { background: #aa2a16; }
.c-button-group { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 15px; }
.c-button-group form { margin: 0; }

.c-error-summary { padding: 15px; margin-bottom: 30px; border: 5px solid var(--error); }
.c-error-summary:focus { outline: 3px solid var(--focus); }
.c-error-summary__title { margin: 0 0 15px; font-size: 1.125rem; font-weight: 700; }
@media (min-width: 40.0625em) { .c-error-summary__title { font-size: 1.5rem; } }
.c-error-summary__list { margin: 0; padding: 0; list-style: none; }
.c-error-summary__list a, .c-error-summary__list a:visited { color: var(--error); font-weight: 700; }
.c-error-summary__list li { color: var(--error); font-weight: 700; margin-bottom: 8px; }

/* Banners and panels */
.c-notification-banner { margin-bottom: 30px; border: 5px solid var(--link); background: var(--link); }
.c-notification-banner__header { padding: 2px 15px 5px; }
.c-notification-banner__title { margin: 0; color: #fff; font-size: 1rem; font-weight: 700; }
.c-notification-banner__content { padding: 15px; background: #fff; }
.c-notification-banner__content > :last-child { margin-bottom: 0; }
.c-notification-banner__heading { margin: 0 0 15px; font-size: 1.125rem; font-weight: 700; }
@media (min-width: 40.0625em) { .c-notification-banner__heading { font-size: 1.5rem; } }
.c-notification-banner--success { border-color: var(--success); background: var(--success); }

.c-panel { margin-bottom: 20px; padding: 25px; border: 5px solid transparent; text-align: center; color: #fff; background: var(--success); }
.c-panel > :last-child { margin-bottom: 0; }
.c-card { margin-bottom: 20px; padding: 20px; border: 1px solid var(--border); border-top: 5px solid var(--link); background: #fff; }
.c-card > :last-child { margin-bottom: 0; }
.c-details { margin-bottom: 20px; }
.c-details summary { color: var(--link); cursor: pointer; text-decoration: underline; }
.c-details[open] > :not(summary) { padding-left: 15px; border-left: 5px solid var(--border); }
.c-filter { margin-bottom: 30px; padding: 15px 15px 0; background: var(--light-grey); }
.c-filter .c-form-group { margin-bottom: 15px; }

/* Summary lists and tables */
.c-summary-list { margin: 0 0 20px; font-size: 1rem; }
@media (min-width: 40.0625em) {
  .c-summary-list { display: table; width: 100%; table-layout: fixed; border-collapse: collapse; margin-bottom: 30px; font-size: 1.1875rem; }
  .c-summary-list__row { display: table-row; border-bottom: 1px solid var(--border); }
  .c-summary-list__key, .c-summary-list__value, .c-summary-list__actions { display: table-cell; padding: 10px 20px 10px 0; vertical-align: top; }
  .c-summary-list__key { width: 30%; }
  .c-summary-list__actions { width: 20%; text-align: right; padding-right: 0; }
}
.c-summary-list__row { border-bottom: 1px solid var(--border); margin-bottom: 15px; }
.c-summary-list__key { margin: 0 0 5px; font-weight: 700; }
.c-summary-list__value { margin: 0 0 10px; overflow-wrap: anywhere; }
.c-summary-list__value > :last-child { margin-bottom: 0; }

.c-table { width: 100%; margin-bottom: 20px; border-spacing: 0; border-collapse: collapse; font-size: 1rem; }
@media (min-width: 40.0625em) { .c-table { margin-bottom: 30px; font-size: 1.1875rem; } }
.c-table__caption { text-align: left; font-weight: 700; margin-bottom: 10px; }
.c-table__header, .c-table__cell { padding: 10px 20px 10px 0; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top; }
.c-table__header { font-weight: 700; }
.c-table__header:last-child, .c-table__cell:last-child { padding-right: 0; }
.c-table__header--numeric, .c-table__cell--numeric { text-align: right; font-variant-numeric: tabular-nums; }
.c-table-scroll { overflow-x: auto; }

.c-pagination { display: flex; flex-wrap: wrap; align-items: center; gap: 10px 15px; margin: 0 0 30px; }
.c-pagination__list { display: flex; flex-wrap: wrap; gap: 5px; margin: 0; padding: 0; list-style: none; }
.c-pagination__item { min-width: 45px; padding: 10px 15px; text-align: center; }
.c-pagination__item--current { background: var(--link); }
.c-pagination__item--current .c-pagination__link, .c-pagination__item--current .c-pagination__link:visited { color: #fff; font-weight: 700; text-decoration: none; }
.c-pagination__link, .c-pagination__link:visited { color: var(--link); font-weight: 700; }
.c-pagination__prev, .c-pagination__next { font-weight: 700; }

.c-tag {
  display: inline-block; max-width: 160px; padding: 2px 8px 3px; font-size: 1rem; font-weight: 700; line-height: 1.25;
  color: #0c2d4a; background: #bbd4ea; overflow-wrap: break-word;
}
.c-tag--grey { color: #282d30; background: #e5e6e7; }
.c-tag--green { color: #005a30; background: #cce2d8; }
.c-tag--red { color: #2a0b06; background: #f4cdc6; }
.c-tag--yellow { color: #594d00; background: #fff7bf; }
.c-inset { margin: 0 0 20px; padding: 15px; border-left: 10px solid var(--border); }
.c-inset > :last-child { margin-bottom: 0; }
.c-timeline { margin: 0 0 30px; padding: 0 0 0 20px; list-style: none; border-left: 5px solid var(--link); }
.c-timeline > li { margin-bottom: 20px; }
.c-key-figures { display: flex; flex-wrap: wrap; gap: 15px; margin: 0 0 30px; padding: 0; list-style: none; }
.c-key-figures > li { flex: 1 1 180px; padding: 15px; background: var(--light-grey); }
.c-key-figures strong { display: block; font-size: 2rem; line-height: 1.1; }
.c-task-list { margin: 0 0 30px; padding: 0; list-style: none; border-top: 1px solid var(--border); }
.c-task-list__item { display: flex; justify-content: space-between; align-items: center; gap: 15px; padding: 12px 0; border-bottom: 1px solid var(--border); }
.c-figure { margin: 0 0 30px; }
.c-chart { max-width: 100%; height: auto; }
.c-tag--blue { color: #0c2d4a; background: #bbd4ea; }

@media print {
  .c-header__nav, .c-skip-link, .c-footer, .c-button, .c-pagination, .c-filter { display: none; }
  .c-header { background: none; color: var(--text); border-bottom: 2px solid var(--text); }
  .c-header__service, .c-header__partnership { color: var(--text); }
  body { font-size: 12pt; }
}
"""#
}
