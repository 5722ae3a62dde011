import type { FastifyViewOptions } from '@fastify/view';
import Handlebars from 'handlebars';
import { STRINGS } from './strings.id';
import { TEMPLATES_DIR } from './web-root';

/** `</script>` inside JSON-LD would end the script element early; `<` as \u003c cannot. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * The attributes of a region of a desk page that its forms update in place:
 * with htmx, a form inside (with `hx-post`) is answered like any form (a
 * redirect to the page with `?ok=`, or the page with the error), and htmx
 * swaps this region and the toast from that page; without JavaScript the
 * browser simply shows the page. The id is the template's own constant.
 */
function htmxRegion(id: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) throw new Error(`not a region id: ${id}`);
  return `id="${id}" hx-target="this" hx-select="#${id}" hx-swap="outerHTML" hx-select-oob="#toast"`;
}

function handlebarsWithHelpers(): typeof Handlebars {
  const hbs = Handlebars.create();
  hbs.registerHelper('jsonLd', (value: unknown) => new hbs.SafeString(jsonForScript(value)));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('htmxRegion', (id: string) => new hbs.SafeString(htmxRegion(id)));
  return hbs;
}

/**
 * Nest's MVC support on Fastify (`app.setViewEngine`) with Handlebars. `{{ }}`
 * escapes; the templates use `{{{ }}}` only for the sanitized article body and
 * the server-made diff. Every template sees the strings as `t`.
 */
export function newsroomViewEngine(options: { rereadTemplates: boolean }): FastifyViewOptions {
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
        archiveResults: 'partials/archive-results.hbs',
        archiveForm: 'partials/archive-form.hbs',
        liveUpdateBox: 'partials/live-update-box.hbs',
        revisionBanner: 'partials/revision-banner.hbs',
      },
    },
  };
}
