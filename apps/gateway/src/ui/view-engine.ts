import type { FastifyViewOptions } from '@fastify/view';
import Handlebars from 'handlebars';
import { STRINGS } from './strings.id';
import { TEMPLATES_DIR } from './web-root';

/** `</script>` inside JSON-LD would end the script element early; `<` as \u003c cannot. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function handlebarsWithHelpers(): typeof Handlebars {
  const hbs = Handlebars.create();
  hbs.registerHelper('jsonLd', (value: unknown) => new hbs.SafeString(jsonForScript(value)));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  return hbs;
}

/**
 * Nest's MVC support on Fastify (`app.setViewEngine`) with Handlebars. `{{ }}`
 * escapes; the templates use `{{{ }}}` only for the sanitized article body and
 * the server-made diff. Every template sees the strings as `t`.
 */
export function gatewayViewEngine(options: { rereadTemplates: boolean }): FastifyViewOptions {
  return {
    engine: { handlebars: handlebarsWithHelpers() },
    templates: TEMPLATES_DIR,
    defaultContext: { t: STRINGS },
    // templates are compiled once and kept, except in development, where an edit shows on reload
    production: !options.rereadTemplates,
    options: {
      partials: {
        siteList: 'partials/site-list.hbs',
        reviewRows: 'partials/review-rows.hbs',
        scheduleItem: 'partials/schedule-item.hbs',
        checkboxes: 'partials/checkboxes.hbs',
      },
    },
  };
}
