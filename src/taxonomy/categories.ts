/**
 * The built-in data categories (SPEC section 3): fideslang-style dot-keys, each with its statutory CCPA
 * category (Cal. Civ. Code §1798.140(v)(1)), its sensitivity (§1798.140(ae)) and the identifier names that
 * carry it in code.
 *
 * How names are matched (see `index.ts`): a name is normalised (lowercase, `_`, `-`, `.` and spaces
 * dropped), so `emailAddress`, `email_address` and `EMAIL-ADDRESS` are one name. A field listed here
 * matches that exact normalised name, and also the name behind an owner prefix (`userEmail`,
 * `billing_email`, `customerPhone`; the prefixes are listed in `index.ts`) or a builder verb
 * (`setEmail`, `withPhone`). `/regex/flags` fields are tested against the name as written. `$` is kept:
 * Mixpanel's and PostHog's reserved `$name` is a person's name, a plain `name` is not.
 *
 * Short keys of vendor wire formats are fields where they are unambiguous in a payload: Meta's advanced
 * matching `em` (email) and `ph` (phone). Its `fn`, `ln`, `ct`, `st`, `db`, `ge` are not: as keys they
 * mean functions, states and databases far more often.
 *
 * Precision over recall. The scanner calls the matcher on every payload key and member name, so a
 * generic name here would turn every `{ id, name, type }` into personal information. Deliberately NOT
 * fields: `id`, `name`, `value`, `type`, `url`, `title`, `content`, `data`, `message`, `body`, `text`,
 * `query`, `location` (usually `window.location`), `state` (React state), `country`, `region`,
 * `orientation` (screen), `signature` (webhook HMACs), `fingerprint` (build hashes), `segment` (the
 * vendor), `session`/`sessionId`, `clientId` (OAuth apps), `adId` (an ad creative), `mobile`
 * (a boolean in user-agent payloads), `login`, `handle`, `avatar`, `transaction` (Sentry's span name),
 * `orderId`, `degree` (angles), `treatment` (experiment arms), `coordinates`/`coords` (charts, clicks),
 * `messageText` (compiler diagnostics, error texts). Their specific forms are fields
 * (`fullName`, `pageUrl`, `searchQuery`, `privateMessage`, `jobTitle`, …).
 *
 * `exclude` lists names that look like a field but carry no personal information (flags, settings,
 * templates). An excluded name never maps to any category.
 */
import type { CategoryDef } from './types.js';

type Def = Omit<CategoryDef, 'exclude'> & { exclude?: string[] };

const DEFS: Def[] = [
  // ── identifiers (§1798.140(v)(1)(A)) ──────────────────────────────────────────────────────────
  {
    key: 'user.contact.email',
    ccpa: 'identifiers',
    sensitive: false,
    identifying: true,
    description: 'Email address (also when hashed: a hashed email is still a unique identifier, §1798.140(aj)).',
    fields: ['email', 'emailAddress', 'e_mail', 'mail_address', 'hashedEmail', 'emailHash', 'emailSha256', 'sha256Email', 'emailMd5', 'md5Email', 'emails', 'emailAddresses', 'em', '$email'],
    exclude: [
      'emailVerified', 'isEmail', 'emailTemplate', 'emailSubject', 'emailEnabled', 'emailOptIn', 'emailOptOut',
      'emailConsent', 'emailNotifications', 'emailSent', 'emailType', 'emailProvider', 'emailDomain', 'hasEmail',
      'sendEmail', 'validEmail', 'isValidEmail', 'emailValid', 'emailRegex', 'emailPattern', 'emailFormat',
      'emailPlaceholder', 'emailLabel', 'emailError', 'emailField', 'emailInput', 'emailConfirmed', 'emailVerifiedAt',
      'emailStatus', 'emailFrequency', 'emailPreferences', 'emailSettings', 'emailCount', 'emailBody', 'emailHtml',
    ],
  },
  {
    key: 'user.contact.phone_number',
    ccpa: 'identifiers',
    sensitive: false,
    identifying: true,
    description: 'Telephone number (also when hashed).',
    fields: ['phone', 'phoneNumber', 'phoneNo', 'mobileNumber', 'mobilePhone', 'cellPhone', 'cellNumber', 'telephone', 'telephoneNumber', 'tel', 'msisdn', 'hashedPhone', 'phoneHash', 'phones', 'phoneNumbers', 'ph', '$phone'],
    exclude: ['phoneVerified', 'isPhone', 'phoneCountryCode', 'phoneEnabled', 'phoneType', 'phoneConfirmed', 'phonePlaceholder', 'phoneFormat', 'phoneRegex', 'phoneValid', 'hasPhone'],
  },
  {
    key: 'user.contact.address',
    ccpa: 'identifiers',
    sensitive: false,
    description: 'Postal address (street, city, postal code).',
    fields: ['address', 'streetAddress', 'postalAddress', 'mailingAddress', 'homeAddress', 'residentialAddress', 'fullAddress', 'addressLine1', 'addressLine2', 'address1', 'address2'],
    exclude: ['addressType', 'addressValidated', 'addressVerified', 'addressFormat', 'hasAddress'],
  },
  {
    key: 'user.contact.address.street',
    ccpa: 'identifiers',
    sensitive: false,
    description: 'Street and house number of a postal address.',
    fields: ['street', 'streetName', 'streetLine', 'houseNumber'],
  },
  {
    key: 'user.contact.address.city',
    ccpa: 'identifiers',
    sensitive: false,
    description: 'City of a postal address.',
    fields: ['city', 'town', 'cityName', '$city'],
  },
  {
    key: 'user.contact.address.postal_code',
    ccpa: 'identifiers',
    sensitive: false,
    description: 'Postal or ZIP code.',
    fields: ['zip', 'zipCode', 'zipcode', 'postalCode', 'postcode', 'postCode', 'zip5'],
  },
  {
    key: 'user.name',
    ccpa: 'identifiers',
    sensitive: false,
    identifying: true,
    description: "A person's real name. `name` alone is not a field: it names products, events and files far more often.",
    fields: [
      'fullName', 'firstName', 'lastName', 'middleName', 'givenName', 'familyName', 'surname', 'legalName', 'maidenName',
      'displayName', 'fname', 'lname', 'customerName', 'userFullName', 'contactName', 'recipientName', 'cardholderName',
      'cardHolderName', 'billingName', 'shippingName', 'patientName', 'personName', 'memberName', 'buyerName',
      '$name', '$first_name', '$last_name',
    ],
    exclude: ['displayNameEnabled', 'firstNameLabel', 'lastNameLabel', 'fullNameLabel'],
  },
  {
    key: 'user.account.username',
    ccpa: 'identifiers',
    sensitive: false,
    identifying: true,
    description: 'Account name, login or handle chosen by the consumer.',
    fields: ['username', 'userName', 'loginName', 'loginId', 'screenName', 'userHandle', 'nickname', 'gamertag'],
    exclude: ['usernameTaken', 'usernameAvailable', 'usernameValid', 'usernameRegex', 'usernamePattern'],
  },
  {
    key: 'user.unique_id',
    ccpa: 'identifiers',
    sensitive: false,
    identifying: true,
    description:
      'A persistent identifier of the consumer: user, customer or profile id, analytics distinct/anonymous id (§1798.140(aj)). `id` alone is not a field (every record has one).',
    fields: [
      'userId', 'user_id', 'uid', 'userUuid', 'userGuid', 'customerId', 'customerNumber', 'clientUserId', 'memberId',
      'memberNumber', 'personId', 'profileId', 'contactId', 'leadId', 'subscriberId', 'visitorId', 'patientId',
      'employeeId', 'studentId', 'accountHolderId', 'distinct_id', 'distinctId', 'anonymousId', 'anonymous_id',
      'externalId', 'external_id', 'externalUserId', 'identityId', 'stripeCustomerId', '$user_id', '$distinct_id',
    ],
    exclude: ['userIdType', 'userIdField', 'userIdKey'],
  },
  {
    key: 'user.device.ip_address',
    ccpa: 'identifiers',
    sensitive: false,
    identifying: true,
    description: 'IP address of the consumer\'s device (§1798.140(v)(1)(A) names "Internet Protocol address").',
    fields: ['ip', 'ipAddress', 'ipAddr', 'ipv4', 'ipv6', 'clientIp', 'clientIpAddress', 'client_ip_address', 'remoteAddr', 'remoteAddress', 'remoteIp', 'sourceIp', 'xForwardedFor', 'forwardedFor', 'x-real-ip', 'realIp', 'cfConnectingIp', '$ip'],
    exclude: ['ipAllowlist', 'ipWhitelist', 'ipBlocklist', 'ipBlacklist', 'ipDenylist', 'ipVersion', 'ipRange', 'ipFamily', 'ipRanges', 'ipRestrictions', 'ipAddressType', 'ipFilter', 'ipRateLimit', 'allowedIps'],
  },
  {
    key: 'user.device.cookie_id',
    ccpa: 'identifiers',
    sensitive: false,
    identifying: true,
    description: 'Cookie or browser identifier: first- or third-party cookie ids, Meta `_fbp`/`_fbc`, GA client id (§1798.140(aj): "cookies, beacons, pixel tags").',
    fields: ['cookieId', 'cookie_id', 'fbp', 'fbc', 'gaClientId', 'googleClientId', 'gclid', 'fbclid', 'ttclid', 'msclkid', 'browserId', 'anonymousCookie', 'trackingCookie'],
    exclude: ['cookieConsent', 'cookieBanner', 'cookiePolicy', 'cookieSettings'],
  },
  {
    key: 'user.device.device_id',
    ccpa: 'identifiers',
    sensitive: false,
    identifying: true,
    description: 'Device identifier: installation id, hardware ids, push tokens, IDFV.',
    fields: ['deviceId', 'device_id', 'deviceUuid', 'deviceGuid', 'installationId', 'installId', 'hardwareId', 'imei', 'udid', 'androidId', 'idfv', 'pushToken', 'fcmToken', 'apnsToken', 'deviceToken', '$device_id'],
    exclude: ['deviceIdType'],
  },
  {
    key: 'user.device.advertising_id',
    ccpa: 'identifiers',
    sensitive: false,
    identifying: true,
    description: 'Mobile advertising identifier (IDFA, GAID/AAID) (§1798.140(aj): "mobile ad identifiers").',
    fields: ['advertisingId', 'advertising_id', 'idfa', 'gaid', 'aaid', 'madid', 'googleAdvertisingId', 'mobileAdId'],
    exclude: ['advertisingIdEnabled', 'limitAdTracking'],
  },

  // ── customer records (§1798.140(v)(1)(B), §1798.80(e)) ───────────────────────────────────────
  {
    key: 'user.financial.account_number',
    ccpa: 'customer_records',
    sensitive: false,
    identifying: true,
    description: 'Bank or financial account number. Sensitive only together with its access code (§1798.140(ae)(1)(B)).',
    fields: ['accountNumber', 'bankAccount', 'bankAccountNumber', 'iban', 'routingNumber', 'sortCode', 'acctNumber'],
  },
  {
    key: 'user.financial.card_number',
    ccpa: 'customer_records',
    sensitive: false,
    identifying: true,
    description: 'Credit or debit card number.',
    fields: ['cardNumber', 'creditCard', 'creditCardNumber', 'ccNumber', 'debitCardNumber', 'cardNo', 'primaryAccountNumber'],
  },
  {
    key: 'user.financial.card_number.security_code',
    ccpa: 'customer_records',
    sensitive: true,
    description: 'Card security code: a card number "in combination with any required security or access code" is sensitive (§1798.140(ae)(1)(B)).',
    fields: ['cvv', 'cvc', 'cvv2', 'cvc2', 'cardCvc', 'cardCvv', 'securityCode', 'cardSecurityCode', 'cardVerificationValue'],
  },
  {
    key: 'user.insurance.policy_number',
    ccpa: 'customer_records',
    sensitive: false,
    description: 'Insurance policy or member number.',
    fields: ['policyNumber', 'insurancePolicyNumber', 'insuranceNumber', 'insuranceId', 'insurancePolicy', 'insuranceMemberId'],
  },
  {
    key: 'user.signature',
    ccpa: 'customer_records',
    sensitive: false,
    description: 'Handwritten or electronic signature of the consumer. Plain `signature` is not a field (webhook and crypto signatures).',
    fields: ['handwrittenSignature', 'signatureImage', 'eSignature', 'signerSignature', 'customerSignature', 'signatureData'],
  },
  {
    key: 'user.physical_characteristics',
    ccpa: 'customer_records',
    sensitive: false,
    description: 'Physical characteristics or description (height, weight, eye colour). `weight`/`height` alone are layout terms.',
    fields: ['eyeColor', 'eyeColour', 'hairColor', 'hairColour', 'bodyWeight', 'bodyHeight', 'weightKg', 'weightLbs', 'heightCm', 'heightInches', 'physicalDescription'],
  },

  // ── protected classifications (§1798.140(v)(1)(C)) ─────────────────────────────────────────────
  {
    key: 'user.demographic.age',
    ccpa: 'protected_classifications',
    sensitive: false,
    description: 'Age or age range (age 40 and over is a protected classification).',
    fields: ['age', 'ageRange', 'ageGroup', 'ageBracket', 'ageYears'],
    exclude: ['maxAge', 'ageGate', 'ageVerified', 'ageConfirmed'],
  },
  {
    key: 'user.demographic.date_of_birth',
    ccpa: 'protected_classifications',
    sensitive: false,
    description: 'Date or year of birth.',
    fields: ['dob', 'dateOfBirth', 'birthDate', 'birthdate', 'birthday', 'birthYear', 'yearOfBirth', 'bday', 'birthDay'],
  },
  {
    key: 'user.demographic.gender',
    ccpa: 'protected_classifications',
    sensitive: false,
    description: 'Sex or gender, gender identity, pronouns.',
    fields: ['gender', 'sex', 'genderIdentity', 'pronouns', '$gender'],
  },
  {
    key: 'user.demographic.marital_status',
    ccpa: 'protected_classifications',
    sensitive: false,
    description: 'Marital or relationship status.',
    fields: ['maritalStatus', 'relationshipStatus', 'married', 'isMarried'],
  },
  {
    key: 'user.demographic.veteran_status',
    ccpa: 'protected_classifications',
    sensitive: false,
    description: 'Veteran or military status.',
    fields: ['veteranStatus', 'militaryStatus', 'isVeteran', 'veteran'],
  },
  {
    key: 'user.demographic.race_ethnicity',
    ccpa: 'protected_classifications',
    sensitive: true,
    description: 'Racial or ethnic origin (§1798.140(ae)(1)(D)).',
    fields: ['race', 'ethnicity', 'ethnicOrigin', 'racialOrigin', 'raceEthnicity'],
  },
  {
    key: 'user.demographic.religious_beliefs',
    ccpa: 'protected_classifications',
    sensitive: true,
    description: 'Religious or philosophical beliefs (§1798.140(ae)(1)(D)).',
    fields: ['religion', 'religiousBeliefs', 'religiousAffiliation', 'philosophicalBeliefs', 'faith'],
  },
  {
    key: 'user.demographic.sexual_orientation',
    ccpa: 'protected_classifications',
    sensitive: true,
    description: 'Sexual orientation (§1798.140(ae)(2)(C)). `orientation` alone is screen orientation.',
    fields: ['sexualOrientation', 'sexualPreference'],
  },
  {
    key: 'user.demographic.sex_life',
    ccpa: 'sensitive',
    sensitive: true,
    description: "Information concerning a consumer's sex life (§1798.140(ae)(2)(C)).",
    fields: ['sexLife', 'sexualActivity', 'sexualHistory', 'sexualHealth'],
  },
  {
    key: 'user.demographic.citizenship_status',
    ccpa: 'protected_classifications',
    sensitive: true,
    description: 'Citizenship or immigration status (§1798.140(ae)(1)(D), as amended by AB 947).',
    fields: ['citizenship', 'citizenshipStatus', 'immigrationStatus', 'nationality', 'visaStatus', 'residencyStatus'],
  },
  {
    key: 'user.demographic.union_membership',
    ccpa: 'protected_classifications',
    sensitive: true,
    description: 'Union membership (§1798.140(ae)(1)(D)).',
    fields: ['unionMember', 'unionMembership', 'tradeUnion', 'unionAffiliation', 'isUnionMember'],
  },

  // ── commercial information (§1798.140(v)(1)(D)) ─────────────────────────────────────────────────
  {
    key: 'user.behavior.purchase_history',
    ccpa: 'commercial',
    sensitive: false,
    description: 'Products or services purchased, obtained or considered; purchasing histories.',
    fields: ['purchaseHistory', 'orderHistory', 'purchases', 'pastOrders', 'purchasedProducts', 'purchasedItems', 'lifetimeValue', 'totalSpent'],
  },
  {
    key: 'user.commercial.cart',
    ccpa: 'commercial',
    sensitive: false,
    description: 'Shopping cart contents (products considered).',
    fields: ['cart', 'cartItems', 'cartContents', 'basket', 'basketItems', 'shoppingCart', 'wishlist'],
    exclude: ['cartId', 'cartCount', 'cartEnabled', 'cartUrl'],
  },
  {
    key: 'user.financial.transaction',
    ccpa: 'commercial',
    sensitive: false,
    description: 'Payment transactions of the consumer.',
    fields: ['transactionHistory', 'paymentHistory', 'purchaseAmount', 'orderTotal', 'orderAmount'],
  },

  // ── biometric information (§1798.140(v)(1)(E), (c); sensitive when processed to identify, (ae)(2)(A)) ──
  {
    key: 'user.biometric',
    ccpa: 'biometric',
    sensitive: true,
    description: 'Biometric information used to identify the consumer (§1798.140(c), (ae)(2)(A)).',
    fields: ['biometric', 'biometrics', 'biometricData', 'biometricTemplate', 'biometricId'],
    exclude: ['biometricEnabled', 'biometricsEnabled', 'biometricAvailable', 'biometricType'],
  },
  {
    key: 'user.biometric.fingerprint',
    ccpa: 'biometric',
    sensitive: true,
    description: 'Fingerprint image or template. Plain `fingerprint` is not a field (build hashes, device fingerprints).',
    fields: ['fingerprintImage', 'fingerprintTemplate', 'fingerprintScan', 'fingerprintData', 'fingerprintHash'],
  },
  {
    key: 'user.biometric.face',
    ccpa: 'biometric',
    sensitive: true,
    description: 'Face geometry, face template or embedding.',
    fields: ['faceTemplate', 'faceEmbedding', 'faceGeometry', 'facialGeometry', 'faceScan', 'faceprint', 'faceData', 'facialFeatures'],
  },
  {
    key: 'user.biometric.voice',
    ccpa: 'biometric',
    sensitive: true,
    description: 'Voiceprint.',
    fields: ['voiceprint', 'voicePrint', 'voiceTemplate', 'voiceSignature'],
  },

  // ── internet or other electronic network activity (§1798.140(v)(1)(F)) ───────────────────────────
  {
    key: 'user.behavior.browsing_history',
    ccpa: 'internet_activity',
    sensitive: false,
    description: 'Pages viewed, page URLs and titles, referrers. `url` and `title` alone are not fields.',
    fields: ['browsingHistory', 'pageViews', 'visitedPages', 'pageHistory', 'pageUrl', 'pageURL', 'pagePath', 'pageTitle', 'currentUrl', 'currentPage', 'landingPage', 'referrer', 'referer', 'documentReferrer', 'referringUrl', 'event_source_url', '$current_url', '$referrer'],
  },
  {
    key: 'user.behavior.search_history',
    ccpa: 'internet_activity',
    sensitive: false,
    description: 'Search terms entered by the consumer. `query` and `q` alone are not fields (database queries).',
    fields: ['searchQuery', 'searchTerm', 'searchTerms', 'searchString', 'searchText', 'searchHistory', 'searchKeywords', 'searchPhrase'],
  },
  {
    key: 'user.behavior.interaction',
    ccpa: 'internet_activity',
    sensitive: false,
    description: 'Interactions with a site, app or ad: clickstream, session recordings.',
    fields: ['clickstream', 'clickStream', 'interactions', 'interactionHistory', 'sessionRecording', 'sessionReplay', 'mouseMovements', 'adInteractions', 'clickHistory'],
  },
  {
    key: 'user.device.user_agent',
    ccpa: 'internet_activity',
    sensitive: false,
    description: 'Browser user agent string.',
    fields: ['userAgent', 'user-agent', 'client_user_agent', 'clientUserAgent', 'uaString', '$user_agent'],
  },

  // ── geolocation (§1798.140(v)(1)(G); precise is sensitive, (ae)(1)(C), (w)) ──────────────────────
  {
    key: 'user.location.precise',
    ccpa: 'geolocation',
    sensitive: true,
    description: 'Precise geolocation: within a 1,850-foot radius (§1798.140(w)), e.g. GPS coordinates.',
    fields: ['lat', 'lng', 'lon', 'latitude', 'longitude', 'latLng', 'latlong', 'gps', 'gpsLocation', 'geoPoint', 'geolocation', 'preciseLocation', 'userLocation'],
    exclude: ['geolocationEnabled', 'geolocationPermission', 'locationPermission'],
  },
  {
    key: 'user.location.imprecise',
    ccpa: 'geolocation',
    sensitive: false,
    description: 'Coarse location (region, metro area) derived from IP or settings.',
    fields: ['approximateLocation', 'coarseLocation', 'geoRegion', 'geoCity', 'geoCountry', 'metroCode', 'dmaCode'],
  },

  // ── audio, electronic, visual, thermal, olfactory (§1798.140(v)(1)(H)) ───────────────────────────
  {
    key: 'user.sensory.audio',
    ccpa: 'sensory',
    sensitive: false,
    description: "Recordings of the consumer's voice.",
    fields: ['voiceRecording', 'audioRecording', 'callRecording', 'voiceMemo', 'voiceNote', 'voiceMessage', 'recordedAudio'],
  },
  {
    key: 'user.sensory.photo',
    ccpa: 'sensory',
    sensitive: false,
    description: 'Photos of the consumer.',
    fields: ['photo', 'selfie', 'profilePhoto', 'profilePicture', 'profileImage', 'headshot', 'userPhoto', 'photoId', 'idPhoto'],
    exclude: ['photoEnabled', 'photoCount'],
  },
  {
    key: 'user.sensory.video',
    ccpa: 'sensory',
    sensitive: false,
    description: 'Video recordings of the consumer.',
    fields: ['videoRecording', 'selfieVideo', 'webcamVideo', 'webcamRecording', 'recordedVideo'],
  },

  // ── professional or employment-related information (§1798.140(v)(1)(I)) ──────────────────────────
  {
    key: 'user.professional.employer',
    ccpa: 'professional',
    sensitive: false,
    description: "The consumer's employer.",
    fields: ['employer', 'employerName', 'workplace', 'currentEmployer'],
  },
  {
    key: 'user.professional.job_title',
    ccpa: 'professional',
    sensitive: false,
    description: "The consumer's job title or occupation. `title` and `role` alone are not fields.",
    fields: ['jobTitle', 'occupation', 'profession', 'jobRole', 'jobFunction', 'seniority'],
  },

  // ── education information (§1798.140(v)(1)(J)) ───────────────────────────────────────────────────
  {
    key: 'user.education.records',
    ccpa: 'education',
    sensitive: false,
    description: 'Non-public education information (FERPA records): grades, transcripts, schools attended.',
    fields: ['educationLevel', 'education', 'school', 'schoolName', 'university', 'gpa', 'grades', 'transcript', 'graduationYear', 'enrollmentStatus'],
  },

  // ── inferences (§1798.140(v)(1)(K)) ──────────────────────────────────────────────────────────────
  {
    key: 'user.inferences.profile',
    ccpa: 'inferences',
    sensitive: false,
    description: 'Inferences drawn to create a profile: preferences, characteristics, predispositions, scores.',
    fields: ['interests', 'inferredInterests', 'personalityProfile', 'predictedTraits', 'propensityScore', 'churnScore', 'leadScore', 'creditScore', 'riskScore', 'affinities', 'psychographics'],
  },
  {
    key: 'user.inferences.segment',
    ccpa: 'inferences',
    sensitive: false,
    description: 'Audience segments or cohorts a consumer is placed in. `segment` alone is the vendor.',
    fields: ['audienceSegment', 'audienceSegments', 'customerSegment', 'userSegment', 'userSegments', 'cohort', 'cohorts', 'audiences', 'personas'],
  },

  // ── sensitive personal information (§1798.140(ae)) ───────────────────────────────────────────────
  {
    key: 'user.government_id',
    ccpa: 'sensitive',
    sensitive: true,
    identifying: true,
    description: 'Government identifier: social security, driver\'s license, state identification card or passport number (§1798.140(ae)(1)(A)).',
    fields: ['governmentId', 'nationalId', 'nationalIdNumber', 'stateIdNumber', 'idCardNumber', 'idNumber', 'governmentIdNumber'],
  },
  {
    key: 'user.government_id.ssn',
    ccpa: 'sensitive',
    sensitive: true,
    identifying: true,
    description: 'Social security number (or ITIN).',
    fields: ['ssn', 'socialSecurityNumber', 'socialSecurity', 'ssnLast4', 'last4Ssn', 'itin', 'taxpayerId'],
  },
  {
    key: 'user.government_id.drivers_license',
    ccpa: 'sensitive',
    sensitive: true,
    identifying: true,
    description: "Driver's license number.",
    fields: ['driversLicense', 'driverLicense', 'driversLicenseNumber', 'driverLicenseNumber', 'dlNumber', 'drivingLicence', 'drivingLicenseNumber'],
  },
  {
    key: 'user.government_id.passport',
    ccpa: 'sensitive',
    sensitive: true,
    identifying: true,
    description: 'Passport number.',
    fields: ['passport', 'passportNumber', 'passportNo', 'passportId'],
  },
  {
    key: 'user.authentication.credentials',
    ccpa: 'sensitive',
    sensitive: true,
    description: 'Account log-in credentials: password, security question and answer (§1798.140(ae)(1)(B)).',
    fields: ['password', 'passwd', 'passwordHash', 'hashedPassword', 'passcode', 'securityQuestion', 'securityAnswer', 'secretAnswer', 'loginPassword'],
    exclude: ['passwordReset', 'passwordPolicy', 'passwordStrength', 'passwordMinLength', 'passwordResetUrl', 'forgotPassword', 'passwordField', 'passwordPlaceholder', 'passwordRequired', 'passwordExpired', 'passwordChangedAt', 'passwordResetToken', 'hasPassword', 'passwordLabel', 'passwordVisible', 'showPassword'],
  },
  {
    key: 'user.health_and_medical',
    ccpa: 'sensitive',
    sensitive: true,
    description: "Personal information collected and analysed concerning a consumer's health (§1798.140(ae)(2)(B)).",
    fields: [
      'diagnosis', 'diagnoses', 'medicalCondition', 'medicalConditions', 'healthCondition', 'medicalHistory', 'medications',
      'medication', 'prescription', 'prescriptions', 'symptoms', 'allergies', 'bloodType', 'healthData', 'healthRecord',
      'healthRecords', 'medicalRecord', 'medicalRecords', 'disability', 'disabilities', 'mentalHealth', 'bmi', 'heartRate',
      'bloodPressure', 'bloodGlucose', 'pregnancyStatus', 'icd10', 'icdCode',
    ],
  },
  {
    key: 'user.genetic',
    ccpa: 'sensitive',
    sensitive: true,
    description: "A consumer's genetic data (§1798.140(ae)(1)(F)).",
    fields: ['genome', 'geneticData', 'genotype', 'dnaSequence', 'dnaResults', 'geneticTest', 'geneticTestResults', 'dnaData', 'genomicData'],
  },
  {
    key: 'user.neural',
    ccpa: 'sensitive',
    sensitive: true,
    description: 'Neural data: information generated by measuring the activity of the nervous system (SB 1223, 2024).',
    fields: ['neuralData', 'eeg', 'eegData', 'brainwaves', 'brainwave', 'neuralSignals', 'brainActivity'],
  },
  {
    key: 'user.content.private',
    ccpa: 'sensitive',
    sensitive: true,
    description:
      'Contents of mail, email and text messages unless the business is the intended recipient (§1798.140(ae)(1)(E)). `message`, `body`, `text` and `content` alone are not fields.',
    fields: ['privateMessage', 'privateMessages', 'directMessage', 'directMessages', 'messageBody', 'messageContent', 'smsBody', 'smsText', 'chatMessage', 'chatMessages', 'chatTranscript', 'chatHistory', 'conversationHistory', 'emailContents', 'inboxMessages'],
  },
];

export const BUILTIN_CATEGORIES: readonly CategoryDef[] = DEFS.map((d) => ({ ...d, exclude: d.exclude ?? [] }));
