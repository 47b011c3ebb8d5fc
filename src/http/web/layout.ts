// The page frame shared by the sandbox and the dashboard: the French State's header and footer (DSFR), a skip link,
// a language switch, and the design system's own stylesheets and scripts served by this bot.
import type { Locale } from '../../core/programme.ts';
import { messages } from '../../i18n/index.ts';
import { DSFR_PREFIX, WEB_PREFIX } from './assets.ts';
import { type Html, html } from './html.ts';

export interface NavLink {
  href: string;
  label: string;
  current?: boolean;
}

export interface PageFrame {
  locale: Locale;
  title: string;
  /** The programme's name, under the service title. */
  tagline: string;
  nav: NavLink[];
  /** The same page in the other language. */
  otherLanguage: { href: string; locale: Locale };
  main: Html;
}

export function layout(frame: PageFrame): Html {
  const t = messages(frame.locale).dashboard.layout;
  const other = messages(frame.otherLanguage.locale).dashboard.layout;
  return html`<!doctype html>
<html lang="${frame.locale}" data-fr-scheme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
<title>${frame.title} — coaching-bot</title>
<link rel="icon" href="${DSFR_PREFIX}favicon/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${DSFR_PREFIX}dsfr.min.css">
<link rel="stylesheet" href="${DSFR_PREFIX}utility/icons/icons.min.css">
<link rel="stylesheet" href="${WEB_PREFIX}app.css">
</head>
<body>
<div class="fr-skiplinks">
  <nav class="fr-container" aria-label="${t.skipLinks}">
    <ul class="fr-skiplinks__list"><li><a class="fr-link" href="#contenu">${t.skipToContent}</a></li></ul>
  </nav>
</div>
<header role="banner" class="fr-header">
  <div class="fr-header__body">
    <div class="fr-container">
      <div class="fr-header__body-row">
        <div class="fr-header__brand">
          <div class="fr-header__brand-top">
            <div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div>
            <div class="fr-header__navbar">
              <button class="fr-btn--menu fr-btn" data-fr-opened="false" aria-controls="header-menu" aria-haspopup="menu" id="header-menu-button" title="${t.menu}">${t.menu}</button>
            </div>
          </div>
          <div class="fr-header__service">
            <p class="fr-header__service-title">coaching-bot</p>
            <p class="fr-header__service-tagline">${frame.tagline}</p>
          </div>
        </div>
        <div class="fr-header__tools">
          <div class="fr-header__tools-links">
            <ul class="fr-btns-group">
              <li><a class="fr-btn fr-icon-translate-2" href="${frame.otherLanguage.href}" hreflang="${frame.otherLanguage.locale}" lang="${frame.otherLanguage.locale}">${other.languageName}</a></li>
            </ul>
          </div>
        </div>
      </div>
    </div>
  </div>
  <div class="fr-header__menu fr-modal" id="header-menu" aria-labelledby="header-menu-button">
    <div class="fr-container">
      <button class="fr-btn--close fr-btn" aria-controls="header-menu" title="${t.close}">${t.close}</button>
      <div class="fr-header__menu-links"></div>
      <nav class="fr-nav" role="navigation" aria-label="${t.mainMenu}">
        <ul class="fr-nav__list">
          ${frame.nav.map(
            (link) =>
              html`<li class="fr-nav__item"><a class="fr-nav__link" href="${link.href}"${link.current ? html` aria-current="page"` : ''}>${link.label}</a></li>`,
          )}
        </ul>
      </nav>
    </div>
  </div>
</header>
<main id="contenu" class="fr-container fr-py-4w" tabindex="-1">
${frame.main}
</main>
<footer class="fr-footer" role="contentinfo">
  <div class="fr-container">
    <div class="fr-footer__body">
      <div class="fr-footer__brand"><p class="fr-logo">République<br>Française</p></div>
      <div class="fr-footer__content"><p class="fr-footer__content-desc">${t.footer}</p></div>
    </div>
  </div>
</footer>
<script type="module" src="${DSFR_PREFIX}dsfr.module.min.js"></script>
</body>
</html>
`;
}
