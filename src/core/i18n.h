/*
 * i18n.h — translations, French first.
 *
 * Messages are marked in the source with tr(lang, "English msgid") and
 * trn(lang, "one", "many", n); xgettext extracts them into po/bigre.pot,
 * po/fr.po and po/en.po hold the translations, msgfmt compiles them and the
 * .mo catalogues are embedded in the binary.  Lookup reads the embedded .mo
 * directly (binary search over its sorted table): it is thread-safe and
 * needs no system locale, which setlocale()/gettext() would (they are
 * process-global and need locales generated on the host).
 *
 * A language is "fr" (the default) or "en".
 */
#ifndef BG_I18N_H
#define BG_I18N_H

#define I18N_DEFAULT_LANG "fr"

/* Loads the embedded catalogues; call once at start-up. */
void i18n_init(void);
/* The translation of msgid in lang, or msgid itself.  format_arg: where a
 * translation is a format, the compiler checks the arguments against the
 * msgid, and msgfmt --check the translations' conversions against it. */
const char *tr(const char *lang, const char *msgid) __attribute__((format_arg(2)));
/* Plural form for n (the arguments are checked against the singular). */
const char *trn(const char *lang, const char *singular, const char *plural, long n) __attribute__((format_arg(2)));
/* "fr" or "en": the first supported language of an Accept-Language value. */
const char *i18n_negotiate(const char *accept_language);
/* "fr" or "en" if code names one (case-insensitive, "fr-FR" → "fr"), else NULL. */
const char *i18n_supported(const char *code);

#endif
