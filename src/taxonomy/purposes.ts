/**
 * The built-in purposes of a flow (SPEC section 3) with their CCPA meaning, and the fideslang data-use
 * keys accepted as aliases. Only `advertising.cross_context` is cross-context behavioral advertising
 * (§1798.140(k)): it makes a third-party flow a *share* (§1798.140(ah)) and is never a business purpose
 * (§1798.140(e)(6)). Generic fideslang keys that could mean either side of that line (`marketing`,
 * `marketing.advertising`, `third_party_sharing`) are deliberately not aliases: the map must choose.
 */
import type { PurposeDef } from './types.js';

export const BUILTIN_PURPOSES: readonly PurposeDef[] = [
  {
    key: 'advertising.cross_context',
    description:
      "Cross-context behavioral advertising: targeting ads from the consumer's activity across other businesses' sites and apps (§1798.140(k)). A third-party flow for it is sharing (§1798.140(ah)).",
    crossContext: true,
    aliases: [
      'marketing.advertising.third_party.targeted',
      'marketing.advertising.third_party',
      'third_party_sharing.personalized_advertising',
    ],
  },
  {
    key: 'advertising.first_party',
    description: "First-party advertising based on the consumer's activity with this business only (a business purpose, §1798.140(e)(6)).",
    crossContext: false,
    aliases: ['marketing.advertising.first_party', 'marketing.advertising.first_party.targeted'],
  },
  {
    key: 'advertising.contextual',
    description: 'Contextual or non-personalized advertising within the current interaction, incl. frequency capping (§1798.140(e)(4), (t)).',
    crossContext: false,
    aliases: [
      'marketing.advertising.first_party.contextual',
      'marketing.advertising.frequency_capping',
      'marketing.advertising.serving',
      'marketing.advertising.negative_targeting',
      'personalize.content.contextual',
    ],
  },
  {
    key: 'analytics',
    description: 'Auditing and measuring the business\'s own service (§1798.140(e)(1), (5)).',
    crossContext: false,
    aliases: [
      'analytics.reporting',
      'analytics.reporting.ad_performance',
      'analytics.reporting.content_performance',
      'analytics.reporting.campaign_insights',
      'analytics.reporting.feature_performance',
      'analytics.reporting.system',
      'functional.service.improve',
    ],
  },
  {
    key: 'personalization',
    description: 'Personalizing the business\'s own service for the consumer.',
    crossContext: false,
    aliases: ['personalize', 'personalize.content', 'personalize.content.behavioral', 'personalize.content.limited', 'personalize.content.profiled', 'personalize.system'],
  },
  {
    key: 'payments',
    description: 'Processing payments on behalf of the business (§1798.140(e)(5)).',
    crossContext: false,
    aliases: ['essential.service.payment_processing', 'third_party_sharing.payment_processing'],
  },
  {
    key: 'communications.transactional',
    description: 'Transactional messages the consumer expects (receipts, password resets, account notices).',
    crossContext: false,
    aliases: ['essential.service.notifications', 'essential.service.notifications.email', 'essential.service.notifications.sms'],
  },
  {
    key: 'marketing.email',
    description: 'Direct marketing by email or SMS from the business itself.',
    crossContext: false,
    aliases: ['marketing.communications', 'marketing.communications.email', 'marketing.communications.sms'],
  },
  {
    key: 'customer_support',
    description: 'Providing customer service on behalf of the business (§1798.140(e)(5)).',
    crossContext: false,
    aliases: ['essential.service.operations.support', 'essential.service.operations.support.optimization'],
  },
  {
    key: 'security',
    description: 'Security and integrity, fraud detection (§1798.140(e)(2)).',
    crossContext: false,
    aliases: ['essential.service.security', 'essential.fraud_detection', 'third_party_sharing.fraud_detection', 'essential.service.authentication'],
  },
  {
    key: 'debugging',
    description: 'Debugging to identify and repair errors (§1798.140(e)(3)).',
    crossContext: false,
    aliases: ['essential.service.operations.troubleshooting'],
  },
  {
    key: 'storage',
    description: 'Storing data on behalf of the business (hosting, warehousing) (§1798.140(e)(5)).',
    crossContext: false,
    aliases: ['functional.storage'],
  },
  {
    key: 'ai.inference',
    description: 'Running an AI model on the data to provide the service (a business purpose only if the vendor does not train on it, §7050(a)(3)).',
    crossContext: false,
    aliases: [],
  },
  {
    key: 'ai.training',
    description: 'Training or improving AI models with the data.',
    crossContext: false,
    aliases: ['train_ai_system'],
  },
  {
    key: 'data_brokering',
    description: 'Selling or licensing the data to others (a sale, §1798.140(ad); data brokers register under §1798.99.80).',
    crossContext: false,
    aliases: ['third_party_sharing.data_brokering'],
  },
];
