import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog, validateCatalogEntry, VENDORS_DIR } from '../../src/catalog/index.js';
import type { CatalogEntry } from '../../src/catalog/types.js';

const files = readdirSync(VENDORS_DIR).filter((f) => f.endsWith('.json')).sort();
const catalog = loadCatalog();
const entry = (id: string): CatalogEntry => {
  const found = catalog.byId.get(id);
  if (!found) throw new Error(`no catalogue entry ${id}`);
  return found;
};
const packageOf = (id: string, name: string) => {
  const found = entry(id).packages.find((p) => p.name === name);
  if (!found) throw new Error(`${id} has no package ${name}`);
  return found;
};

/** The canonical built-in category keys every developer uses (the taxonomy may add children). */
const CANONICAL_CATEGORIES = new Set([
  'user.contact.email', 'user.contact.phone_number', 'user.contact.address', 'user.name', 'user.account.username',
  'user.unique_id', 'user.device.ip_address', 'user.device.cookie_id', 'user.device.device_id', 'user.device.advertising_id',
  'user.financial.account_number', 'user.financial.card_number', 'user.insurance.policy_number', 'user.signature',
  'user.physical_characteristics', 'user.demographic.age', 'user.demographic.date_of_birth', 'user.demographic.gender',
  'user.demographic.marital_status', 'user.demographic.veteran_status', 'user.demographic.race_ethnicity',
  'user.demographic.religious_beliefs', 'user.demographic.sexual_orientation', 'user.demographic.citizenship_status',
  'user.demographic.union_membership', 'user.behavior.purchase_history', 'user.commercial.cart', 'user.financial.transaction',
  'user.biometric', 'user.biometric.fingerprint', 'user.biometric.face', 'user.behavior.browsing_history',
  'user.behavior.search_history', 'user.behavior.interaction', 'user.device.user_agent', 'user.location.precise',
  'user.location.imprecise', 'user.sensory.audio', 'user.sensory.photo', 'user.sensory.video', 'user.professional.employer',
  'user.professional.job_title', 'user.education.records', 'user.inferences.profile', 'user.inferences.segment',
  'user.government_id', 'user.government_id.ssn', 'user.government_id.drivers_license', 'user.government_id.passport',
  'user.authentication.credentials', 'user.health_and_medical', 'user.genetic', 'user.neural', 'user.content.private',
]);

/**
 * Every npm package named in the package columns of reference/vendors.md, except `@types/gtag.js` (types
 * only, never imported at run time), `@hubspot/cli` (a developer tool) and `nodemailer` (not a vendor).
 */
const VENDORS_MD_PACKAGES = [
  '@segment/analytics-node', '@segment/analytics-next', 'analytics-node', '@rudderstack/analytics-js',
  '@rudderstack/rudder-sdk-node', '@mparticle/web-sdk', 'mixpanel', 'mixpanel-browser', '@amplitude/analytics-browser',
  '@amplitude/analytics-node', '@amplitude/unified', 'posthog-js', 'posthog-node', '@posthog/ai', '@heap/react-native-heap',
  'heap-api', 'react-ga4', 'ga-gtag', '@next/third-parties/google', '@vercel/analytics', '@vercel/speed-insights',
  'next-plausible', 'plausible-tracker', '@openpanel/sdk', '@openpanel/nextjs', '@openpanel/web', '@jitsu/js',
  '@snowplow/browser-tracker', '@snowplow/node-tracker', 'react-facebook-pixel', 'facebook-nodejs-business-sdk',
  'google-ads-api', 'google-ads-node', 'tiktok-pixel', 'react-linkedin-insight', 'react-twitter-pixel',
  'react-snapchat-pixel', 'react-reddit-pixel', 'react-pinterest-tag', '@hubspot/api-client', 'jsforce', '@braze/web-sdk',
  'braze-api', 'customerio-node', '@customerio/cdp-analytics-node', '@customerio/cdp-analytics-browser', 'klaviyo-api',
  'intercom-client', '@intercom/messenger-js-sdk', '@mailchimp/mailchimp_marketing', '@mailchimp/mailchimp_transactional',
  '@getbrevo/brevo', 'loops', '@team-plain/typescript-sdk', 'crisp-sdk-web', '@sendgrid/mail', '@sendgrid/client',
  'resend', 'postmark', 'mailgun.js', '@aws-sdk/client-ses', '@aws-sdk/client-sesv2', 'stripe', '@stripe/stripe-js',
  '@paypal/paypal-server-sdk', '@paypal/checkout-server-sdk', '@paypal/react-paypal-js', '@paypal/paypal-js', 'braintree',
  'plaid', '@lemonsqueezy/lemonsqueezy.js', '@polar-sh/sdk', '@paddle/paddle-node-sdk', '@sentry/node', '@sentry/browser',
  '@sentry/react', '@sentry/nextjs', 'dd-trace', '@datadog/browser-rum', '@datadog/browser-logs', 'logrocket',
  '@fullstory/browser', '@hotjar/browser', 'react-hotjar', '@microsoft/clarity', '@bugsnag/js', 'rollbar', 'newrelic',
  'openai', '@anthropic-ai/sdk', 'cohere-ai', '@google/genai', '@google/generative-ai', '@google-cloud/vertexai',
  '@mistralai/mistralai', 'ai', '@ai-sdk/openai', '@ai-sdk/anthropic', '@ai-sdk/google', '@ai-sdk/google-vertex',
  '@ai-sdk/cohere', '@ai-sdk/mistral', 'snowflake-sdk', '@google-cloud/bigquery', '@chronark/zod-bird', '@tinybirdco/sdk',
  'dub', '@dub/analytics', 'twilio', '@slack/web-api', '@launchdarkly/node-server-sdk', '@growthbook/growthbook',
  '@veriff/incontext-sdk',
];

/** Packages two entries claim on purpose; the component or call named decides which vendor a use belongs to. */
const DELIBERATELY_SHARED_PACKAGES: Record<string, string[]> = {
  // `GoogleAnalytics`/`sendGAEvent` are Google Analytics, `GoogleTagManager`/`sendGTMEvent` are Tag Manager.
  '@next/third-parties/google': ['google-analytics', 'google-tag-manager'],
};

function owners(select: (e: CatalogEntry) => string[]): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const e of catalog.entries) for (const name of new Set(select(e))) byName.set(name, [...(byName.get(name) ?? []), e.id]);
  return byName;
}

describe('shipped catalogue files', () => {
  it('ships at least one file per vendors.md row (63 rows, grouped rows split)', () => {
    expect(files.length).toBeGreaterThanOrEqual(70);
  });

  it.each(files)('%s validates against the schema and the semantic rules', (file) => {
    const data: unknown = JSON.parse(readFileSync(join(VENDORS_DIR, file), 'utf8'));
    expect(validateCatalogEntry(data, file)).toEqual([]);
  });

  it('names every file after its id, and ids are unique', () => {
    expect(catalog.entries.map((e) => `${e.id}.json`)).toEqual(files);
    expect(new Set(catalog.entries.map((e) => e.id)).size).toBe(catalog.entries.length);
  });

  it('lets no two vendors claim one package, except the documented shared ones', () => {
    const shared = [...owners((e) => e.packages.map((p) => p.name))].filter(([, ids]) => ids.length > 1);
    expect(Object.fromEntries(shared)).toEqual(DELIBERATELY_SHARED_PACKAGES);
  });

  it('splits a shared package by component and call, never by the same name', () => {
    const [analytics, tagManager] = ['google-analytics', 'google-tag-manager'].map((id) => packageOf(id, '@next/third-parties/google'));
    expect(analytics?.components).toEqual(['GoogleAnalytics']);
    expect(analytics?.transmits).toEqual(['sendGAEvent']);
    expect(tagManager?.components).toEqual(['GoogleTagManager']);
    expect(tagManager?.transmits).toEqual(['sendGTMEvent']);
  });

  it('lets no two vendors claim one global, host or URL prefix', () => {
    for (const select of [
      (e: CatalogEntry) => e.globals.map((g) => g.name),
      (e: CatalogEntry) => e.hosts,
      (e: CatalogEntry) => e.urlPrefixes ?? [],
    ]) {
      expect([...owners(select)].filter(([, ids]) => ids.length > 1)).toEqual([]);
    }
  });

  it('uses only canonical category keys as implicit categories', () => {
    const used = catalog.entries.flatMap((e) => [...e.implicitCategories, ...e.packages.flatMap((p) => p.implicitCategories ?? [])]);
    expect(used.filter((key) => !CANONICAL_CATEGORIES.has(key))).toEqual([]);
  });

  it('covers every package named in vendors.md', () => {
    expect(VENDORS_MD_PACKAGES.length).toBeGreaterThanOrEqual(60);
    const shipped = new Set(catalog.entries.flatMap((e) => e.packages.map((p) => p.name)));
    expect(VENDORS_MD_PACKAGES.filter((name) => !shipped.has(name))).toEqual([]);
  });

  it('does not catalogue nodemailer, which is a transport and not a vendor', () => {
    expect(catalog.entries.flatMap((e) => e.packages.map((p) => p.name))).not.toContain('nodemailer');
  });
});

/** Hosts and URLs from vendors.md (and the standard GA snippet), with the vendor each must resolve to. */
const VENDORS_MD_URLS: [string, string][] = [
  ['api.segment.io/v1/batch', 'segment'], ['cdn.segment.com/analytics.js', 'segment'], ['api.mixpanel.com/track', 'mixpanel'],
  ['api-eu.mixpanel.com/track', 'mixpanel'], ['api2.amplitude.com/2/httpapi', 'amplitude'], ['api.eu.amplitude.com/2/httpapi', 'amplitude'],
  ['us.i.posthog.com/e/', 'posthog'], ['eu.i.posthog.com/e/', 'posthog'], ['heapanalytics.com/api/track', 'heap'],
  ['cdn.heapanalytics.com/js/heap.js', 'heap'], ['www.googletagmanager.com/gtag/js?id=G-1', 'google-analytics'],
  ['www.google-analytics.com/g/collect', 'google-analytics'], ['region1.google-analytics.com/g/collect', 'google-analytics'],
  ['www.google-analytics.com/mp/collect', 'google-analytics'], ['www.googletagmanager.com/gtm.js?id=GTM-1', 'google-tag-manager'],
  ['plausible.io/api/event', 'plausible'], ['connect.facebook.net/en_US/fbevents.js', 'meta-pixel'], ['www.facebook.com/tr?id=1', 'meta-pixel'],
  ['graph.facebook.com/v19.0/1/events', 'meta-conversions-api'], ['googleads.googleapis.com/v17/customers/1:uploadClickConversions', 'google-ads'],
  ['www.googleadservices.com/pagead/conversion', 'google-ads'], ['googleads.g.doubleclick.net/pagead/viewthroughconversion', 'google-ads'],
  ['business-api.tiktok.com/open_api/v1.3/event/track/', 'tiktok-pixel'], ['analytics.tiktok.com/i18n/pixel/events.js', 'tiktok-pixel'],
  ['api.linkedin.com/rest/conversionEvents', 'linkedin-insight'], ['snap.licdn.com/li.lms-analytics/insight.min.js', 'linkedin-insight'],
  ['px.ads.linkedin.com/collect', 'linkedin-insight'], ['static.ads-twitter.com/uwt.js', 'x-pixel'], ['sc-static.net/scevent.min.js', 'snap-pixel'],
  ['www.redditstatic.com/ads/pixel.js', 'reddit-pixel'], ['s.pinimg.com/ct/core.js', 'pinterest-tag'], ['api.hubapi.com/crm/v3/objects/contacts', 'hubspot'],
  ['js.hs-scripts.com/1.js', 'hubspot'], ['login.salesforce.com/services/oauth2/token', 'salesforce'], ['acme.my.salesforce.com/services/data', 'salesforce'],
  ['rest.iad-01.braze.com/users/track', 'braze'], ['track.customer.io/api/v1/customers/1', 'customer-io'], ['track-eu.customer.io/api/v1/customers/1', 'customer-io'],
  ['cdp-eu.customer.io/v1/track', 'customer-io'], ['api.customer.io/v1/send/email', 'customer-io'], ['a.klaviyo.com/api/profiles', 'klaviyo'],
  ['static.klaviyo.com/onsite/js/klaviyo.js', 'klaviyo'], ['api.intercom.io/contacts', 'intercom'], ['widget.intercom.io/widget/x', 'intercom'],
  ['us21.api.mailchimp.com/3.0/lists', 'mailchimp'], ['api.brevo.com/v3/contacts', 'brevo'], ['app.loops.so/api/v1/contacts/create', 'loops'],
  ['core-api.uk.plain.com/graphql/v1', 'plain'], ['client.crisp.chat/l.js', 'crisp'], ['api.sendgrid.com/v3/mail/send', 'sendgrid'],
  ['api.resend.com/emails', 'resend'], ['api.postmarkapp.com/email', 'postmark'], ['api.mailgun.net/v3/x/messages', 'mailgun'],
  ['api.eu.mailgun.net/v3/x/messages', 'mailgun'], ['email.us-east-1.amazonaws.com/v2/email/outbound-emails', 'amazon-ses'],
  ['api.stripe.com/v1/customers', 'stripe'], ['js.stripe.com/v3', 'stripe'], ['api-m.paypal.com/v2/checkout/orders', 'paypal'],
  ['api-m.sandbox.paypal.com/v2/checkout/orders', 'paypal'], ['www.paypal.com/sdk/js', 'paypal'], ['api.braintreegateway.com/merchants', 'braintree'],
  ['production.plaid.com/link/token/create', 'plaid'], ['api.lemonsqueezy.com/v1/checkouts', 'lemon-squeezy'], ['api.polar.sh/v1/checkouts', 'polar'],
  ['api.paddle.com/customers', 'paddle'], ['o1.ingest.sentry.io/api/1/envelope/', 'sentry'], ['o1.ingest.us.sentry.io/api/1/envelope/', 'sentry'],
  ['o1.ingest.de.sentry.io/api/1/envelope/', 'sentry'], ['cdn.logr-in.com/LogRocket.min.js', 'logrocket'], ['static.hotjar.com/c/hotjar-1.js', 'hotjar'],
  ['www.clarity.ms/tag/x', 'microsoft-clarity'], ['notify.bugsnag.com/', 'bugsnag'], ['api.rollbar.com/api/1/item/', 'rollbar'],
  ['collector.newrelic.com/', 'new-relic'], ['api.openai.com/v1/chat/completions', 'openai'], ['api.anthropic.com/v1/messages', 'anthropic'],
  ['api.cohere.com/v2/chat', 'cohere'], ['api.cohere.ai/v1/generate', 'cohere'], ['generativelanguage.googleapis.com/v1beta/models', 'google-gemini'],
  ['api.mistral.ai/v1/chat/completions', 'mistral'], ['acme.snowflakecomputing.com/session', 'snowflake'], ['bigquery.googleapis.com/bigquery/v2', 'bigquery'],
  ['api.tinybird.co/v0/events?name=x', 'tinybird'], ['api.twilio.com/2010-04-01/Accounts', 'twilio'], ['slack.com/api/chat.postMessage', 'slack'],
  ['hooks.slack.com/services/T/B/X', 'slack'], ['stationapi.veriff.com/v1/sessions', 'veriff'],
];

/** SPEC section 5 host semantics: a host matches itself and its subdomains, `*` is one label; URL prefixes beat hosts. */
function vendorOfUrl(url: string): string | undefined {
  const host = url.split('/')[0] ?? '';
  const prefixed = catalog.entries.find((e) => (e.urlPrefixes ?? []).some((prefix) => url.startsWith(prefix)));
  if (prefixed) return prefixed.id;
  const hostMatches = (pattern: string): boolean => {
    const labels = pattern.split('.');
    const hostLabels = host.split('.');
    const tail = hostLabels.slice(hostLabels.length - labels.length);
    return tail.length === labels.length && labels.every((label, i) => label === '*' || label === tail[i]);
  };
  let best: { id: string; length: number } | undefined;
  for (const e of catalog.entries) {
    for (const pattern of e.hosts) if (hostMatches(pattern) && (!best || pattern.length > best.length)) best = { id: e.id, length: pattern.length };
  }
  return best?.id;
}

describe('vendor hosts', () => {
  it.each(VENDORS_MD_URLS)('%s belongs to %s', (url, vendor) => {
    expect(vendorOfUrl(url)).toBe(vendor);
  });

  it('claims no first-party or generic host', () => {
    const generic = ['google.com', 'www.google.com', 'facebook.com', 'www.facebook.com', 'linkedin.com', 'api.linkedin.com', 'googleapis.com', 'amazonaws.com', 'vercel.app', 'localhost'];
    expect(catalog.entries.flatMap((e) => e.hosts).filter((h) => generic.includes(h))).toEqual([]);
    expect(vendorOfUrl('www.facebook.com/sharer/sharer.php')).toBeUndefined();
    expect(vendorOfUrl('api.linkedin.com/v2/userinfo')).toBeUndefined();
    expect(vendorOfUrl('storage.googleapis.com/bucket/file')).toBeUndefined();
  });
});

describe('default classes (SPEC section 4)', () => {
  const adTech = ['meta-pixel', 'meta-conversions-api', 'google-ads', 'tiktok-pixel', 'linkedin-insight', 'x-pixel', 'snap-pixel', 'reddit-pixel', 'pinterest-tag', 'google-tag-manager'];

  it.each(adTech)('%s is share by default', (id) => {
    expect(entry(id).defaultClass).toBe('share');
    expect(entry(id).typicalRole).toBe('third_party');
  });

  it('classes every vendor that is not ad-tech as possible_sale', () => {
    const notAdTech = catalog.entries.filter((e) => e.kind !== 'advertising');
    expect(notAdTech.filter((e) => e.defaultClass !== 'possible_sale').map((e) => e.id)).toEqual([]);
    expect(entry('stripe').defaultClass).toBe('possible_sale');
    expect(entry('google-analytics').defaultClass).toBe('possible_sale');
  });

  it("shares HubSpot's tracking code but not its CRM API", () => {
    expect(entry('hubspot').defaultClass).toBe('possible_sale');
    expect(entry('hubspot').globals.find((g) => g.name === '_hsq')?.defaultClass).toBe('share');
    expect(packageOf('hubspot', '@hubspot/api-client').defaultClass).toBeUndefined();
  });
});

describe('call patterns are precise', () => {
  it('marks the real Stripe data-sending calls and leaves webhook verification and reads out', () => {
    const transmits = packageOf('stripe', 'stripe').transmits;
    for (const call of ['customers.create', 'customers.update', 'checkout.sessions.create', 'paymentIntents.create', 'subscriptions.create', 'invoices.create']) {
      expect(transmits).toContain(call);
    }
    expect(transmits.filter((p) => p.includes('webhooks') || p.endsWith('.retrieve') || p.endsWith('.list'))).toEqual([]);
  });

  it('marks no read-only call as transmitting (list, retrieve, get…), except sending calls that are named get…', () => {
    // firebase/analytics getAnalytics() loads the tag; @azure/openai v1 names its completion POSTs get….
    const initialisers = new Set(['getAnalytics', 'getChatCompletions', 'getCompletions', 'getEmbeddings']);
    const readOnly = catalog.entries.flatMap((e) =>
      [...e.packages.flatMap((p) => p.transmits), ...e.globals.flatMap((g) => g.transmits)]
        .map((pattern) => pattern.replace(/\(.*\)$/, '').split('.').pop() ?? '')
        .filter((last) => /^(list|retrieve|get)(?![a-z])/.test(last) && !initialisers.has(last))
        .map((last) => `${e.id}:${last}`),
    );
    expect(readOnly).toEqual([]);
  });

  it('covers the OpenAI calls that carry prompts and files', () => {
    const transmits = packageOf('openai', 'openai').transmits;
    for (const call of ['chat.completions.create', 'responses.create', 'embeddings.create', 'files.create', 'completions.create', 'audio.transcriptions.create', 'images.generate', 'beta.chat.completions.parse']) {
      expect(transmits).toContain(call);
    }
  });

  it('treats browser-tag initialisation as transmitting, server client construction not', () => {
    expect(packageOf('mixpanel', 'mixpanel-browser').browser).toBe(true);
    expect(packageOf('mixpanel', 'mixpanel-browser').transmits).toContain('init');
    expect(packageOf('mixpanel', 'mixpanel').browser).toBeUndefined();
    expect(packageOf('mixpanel', 'mixpanel').transmits).not.toContain('init');
    expect(packageOf('posthog', 'posthog-js').transmits).toContain('init');
    expect(packageOf('posthog', 'posthog-node').transmits).not.toContain('init');
    expect(packageOf('sentry', '@sentry/browser').transmits).toContain('init');
    expect(packageOf('sentry', '@sentry/node').transmits).not.toContain('init');
  });

  it('gives server SDKs no implicit browser categories', () => {
    for (const [id, name] of [['posthog', 'posthog-node'], ['mixpanel', 'mixpanel'], ['segment', '@segment/analytics-node'], ['hubspot', '@hubspot/api-client']] as const) {
      expect(packageOf(id, name).implicitCategories).toEqual([]);
    }
    expect(entry('stripe').implicitCategories).toEqual([]);
    expect(entry('openai').implicitCategories).toEqual([]);
  });

  it('gives browser pixels the IP address, cookie id, page URL and user agent, and session replay the interactions', () => {
    expect(entry('meta-pixel').implicitCategories).toEqual(['user.device.ip_address', 'user.device.cookie_id', 'user.behavior.browsing_history', 'user.device.user_agent']);
    expect(entry('hotjar').implicitCategories).toContain('user.behavior.interaction');
    expect(packageOf('posthog', 'posthog-js').implicitCategories).toContain('user.behavior.interaction');
  });

  it('names the browser globals with first-argument filters', () => {
    expect(entry('meta-pixel').globals).toEqual([{ name: 'fbq', transmits: ["fbq('init')", "fbq('track')", "fbq('trackCustom')", "fbq('trackSingle')", "fbq('trackSingleCustom')"] }]);
    expect(entry('google-analytics').globals.find((g) => g.name === 'gtag')?.transmits).toEqual(["gtag('config')", "gtag('event')", "gtag('set')"]);
    expect(entry('google-tag-manager').globals).toEqual([{ name: 'dataLayer', transmits: ['dataLayer.push'] }]);
    expect(entry('segment').globals[0]?.transmits).toEqual(expect.arrayContaining(['analytics.track', 'analytics.identify', 'analytics.page']));
  });
});

describe('deletion calls and consent switches', () => {
  it('lists the known deletion APIs', () => {
    expect(entry('stripe').deletes).toEqual(['customers.del']);
    expect(entry('mixpanel').deletes).toContain('people.delete_user');
    expect(entry('hubspot').deletes).toContain('crm.contacts.basicApi.archive');
    expect(entry('intercom').deletes).toContain('contacts.delete');
    expect(entry('resend').deletes).toEqual(['contacts.remove']);
    expect(entry('sendgrid').deletes).toEqual(['request']);
  });

  it('invents no deletion call where the SDK has none', () => {
    expect(entry('segment').deletes).toEqual([]);
    expect(entry('posthog').deletes).toEqual([]);
    expect(entry('meta-pixel').deletes).toEqual([]);
  });

  it("records the vendors' opt-out and restricted-processing switches", () => {
    expect(entry('posthog').consent).toEqual(expect.arrayContaining([
      { kind: 'optOutOption', name: 'opt_out_capturing_by_default' },
      { kind: 'optOutCall', name: 'opt_out_capturing' },
    ]));
    expect(entry('mixpanel').consent).toContainEqual({ kind: 'optOutCall', name: 'opt_out_tracking' });
    expect(entry('amplitude').consent).toContainEqual({ kind: 'optOutCall', name: 'setOptOut' });
    expect(entry('meta-pixel').consent).toContainEqual({ kind: 'restricted', name: "fbq('dataProcessingOptions')" });
    expect(entry('meta-conversions-api').consent).toContainEqual({ kind: 'restricted', name: 'setDataProcessingOptions' });
    expect(entry('google-analytics').consent).toContainEqual({ kind: 'restricted', name: 'restricted_data_processing' });
    expect(entry('microsoft-clarity').consent).toContainEqual({ kind: 'optOutCall', name: 'consent' });
  });
});
