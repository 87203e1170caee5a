import type { DeploymentProfile } from '../src/redlines/domain/profile.ts';
import type { DecisionRole } from '../src/register/domain/vocabulary.ts';

// System profiles of the documented systems (../shared/data/documented-systems.json), written from
// each system's documented facts (its summary, data categories and status), NOT from the red-line
// letters the research assigned: src/redlines/documented-systems.test.ts screens these profiles and
// compares the verdicts with those letters. Every answer the documents do not settle stays "unknown".

export type DocumentedProfile = {
  /** The facts the answers rest on, in a sentence or two (quoted or paraphrased from the summary). */
  basis: string;
  decisionRole: DecisionRole;
  profile: DeploymentProfile;
};

export const DOCUMENTED_PROFILES: Record<string, DocumentedProfile> = {
  'iborderctrl': {
    basis: 'A research prototype that had travellers answer an avatar\'s questions, analysed their facial micro-gestures "for signs of lying" and fused this with document and biometric checks into a per-traveller risk value for border guards. Whether its biometric checks were one-to-one or one-to-many is not documented, and no data sharing is.',
    decisionRole: 'decision_support',
    profile: {
      context: ['border'],
      subjects: 'individuals',
      capabilities: ['deception_detection', 'risk_scoring', 'biometric_matching_unspecified'],
      inputs: ['answers to the avatar\'s questions', 'facial video / micro-expressions', 'facial images', 'fingerprints', 'palm-vein scans', 'passport, visa and travel documents', 'proof of funds'],
      dataSharing: 'unknown',
    },
  },
  'etias-screening-rules': {
    basis: 'Each visa-exempt visitor\'s application is automatically checked against EU and Interpol databases and a Europol-run watchlist, and compared by an algorithm with risk indicators for security, irregular migration and epidemic risk (Regulation (EU) 2018/1240). What happens to applications without a hit is not stated.',
    decisionRole: 'unknown',
    profile: {
      context: ['visa', 'border'],
      subjects: 'individuals',
      capabilities: ['risk_scoring', 'profiling'],
      inputs: ['identity and travel-document data', 'nationality', 'sex', 'age', 'country/city of residence', 'education level', 'occupation', 'travel plans', 'self-declared criminal record', 'conflict-zone travel'],
      dataSharing: [
        { with: 'police', scale: 'bulk', legalBasis: 'Regulation (EU) 2018/1240 (every application is checked against Europol and Interpol data)' },
      ],
    },
  },
  'eurodac': {
    basis: 'An EU-wide fingerprint (and, since the 2024 recast, facial image) database of asylum applicants and irregular border-crossers, searched to allocate Dublin responsibility and track onward movements, i.e. one-to-many matching of stored biometrics; police and Europol have access, on a scale the documents do not give.',
    decisionRole: 'decision_support',
    profile: {
      context: ['asylum', 'border', 'policing'],
      subjects: 'individuals',
      capabilities: ['biometric_identification_retrospective'],
      inputs: ['fingerprints', 'facial images', 'biographic data', 'security-threat flag'],
      dataSharing: [
        { with: 'police', scale: 'unknown', legalBasis: 'Regulation (EU) 2024/1358 (Eurodac recast)' },
      ],
    },
  },
  'eu-entry-exit-system': {
    basis: 'A register of every short-stay entry and exit that captures face and fingerprints at the border, counts authorised days and flags overstayers and refusals; law-enforcement authorities and Europol are among its users. Whether faces and fingerprints are searched one-to-many, and on what scale the police get data, is not stated.',
    decisionRole: 'decision_support',
    profile: {
      context: ['border'],
      subjects: 'individuals',
      capabilities: ['biometric_matching_unspecified'],
      inputs: ['travel-document data', 'facial image', 'fingerprints', 'date/place of entry and exit', 'refusals of entry'],
      dataSharing: [
        { with: 'police', scale: 'unknown', legalBasis: 'Regulation (EU) 2017/2226' },
      ],
    },
  },
  'eu-visa-information-system': {
    basis: 'The central database of Schengen visa applications with applicant biometrics; the 2021 reform adds automated checks of applications against other databases and "specific risk indicators", and extends it to long-stay visas and residence permits. Law-enforcement authorities and Europol are users; the scale of their access and whether biometrics are searched one-to-many are not stated.',
    decisionRole: 'decision_support',
    profile: {
      context: ['visa', 'border', 'residence'],
      subjects: 'individuals',
      capabilities: ['risk_scoring', 'profiling', 'biometric_matching_unspecified'],
      inputs: ['fingerprints', 'facial image', 'visa application data', 'decisions and refusals'],
      dataSharing: [
        { with: 'police', scale: 'unknown', legalBasis: 'Regulation (EU) 2021/1134' },
      ],
    },
  },
  'eu-schengen-information-system': {
    basis: 'A Schengen-wide alert database (wanted and missing persons, entry bans and, since 2023, return decisions) searchable by border guards, police and migration officials, including by biometric data: a one-to-many biometric search, and standing police access to migration alerts.',
    decisionRole: 'decision_support',
    profile: {
      context: ['border', 'returns', 'policing'],
      subjects: 'individuals',
      capabilities: ['biometric_identification_retrospective'],
      inputs: ['biographic data', 'photographs/facial images', 'fingerprints', 'palm prints', 'DNA (missing persons)', 'entry-ban and return-decision alerts'],
      dataSharing: [
        { with: 'police', scale: 'bulk' },
      ],
    },
  },
  'eu-interoperability': {
    basis: 'Connects the EU migration and policing databases so that one query or biometric search runs across all of them, stores third-country nationals\' identity data in a central repository and automatically detects suspected multiple identities (Regulations (EU) 2019/817 and 2019/818).',
    decisionRole: 'decision_support',
    profile: {
      context: ['border', 'visa', 'asylum', 'policing'],
      subjects: 'individuals',
      capabilities: ['data_merging', 'biometric_identification_retrospective', 'fraud_detection'],
      inputs: ['names', 'nationality', 'date of birth', 'sex', 'fingerprints', 'facial images', 'travel-document data'],
      dataSharing: [
        { with: 'police', scale: 'bulk', legalBasis: 'Regulations (EU) 2019/817 and 2019/818' },
      ],
    },
  },
  'frontex-aerial-surveillance-eurosur': {
    basis: 'Aircraft, drones and aerostats detect migrant boats and land crossings (optical, thermal, radar, vessel positions) for a shared situational picture; in the central Mediterranean the sightings are relayed, as a practice, to Libyan authorities who intercept and return people.',
    decisionRole: 'decision_support',
    profile: {
      context: ['border'],
      subjects: 'groups',
      capabilities: ['person_detection'],
      inputs: ['optical and thermal video', 'radar tracks', 'vessel positions (incl. AIS)', 'operational incident reports'],
      dataSharing: [
        { with: 'third_country', scale: 'bulk' },
      ],
    },
  },
  'roborder': {
    basis: 'A completed research project whose autonomous robots with thermal, optical, radar and radio-frequency sensors detect unauthorised border crossings (and marine pollution); nothing is documented about identifying people or sharing data.',
    decisionRole: 'decision_support',
    profile: {
      context: ['border'],
      subjects: 'groups',
      capabilities: ['person_detection'],
      inputs: ['optical and thermal imagery', 'radar', 'radio-frequency signals'],
      dataSharing: 'unknown',
    },
  },
  'itflows-eumigratool': {
    basis: 'A piloted tool that forecasts asylum-seeker arrivals to EU countries and estimates risks of tension with host populations from aggregate statistics, conflict data, Google Trends and social-media posts and sentiment.',
    decisionRole: 'decision_support',
    profile: {
      context: ['asylum', 'reception'],
      subjects: 'aggregate_only',
      capabilities: ['migration_flow_prediction', 'social_media_monitoring'],
      inputs: ['aggregate migration and asylum statistics', 'event and conflict data', 'Google Trends', 'social-media posts and sentiment', 'NGO interview data'],
      dataSharing: 'unknown',
    },
  },
  'frontex-pedra-debriefings': {
    basis: 'Frontex officers question newly arrived migrants about routes and smugglers and pass the resulting reports, which can identify individuals, to Europol for criminal intelligence as a routine practice, and into Frontex risk analysis.',
    decisionRole: 'decision_support',
    profile: {
      context: ['border', 'policing'],
      subjects: 'individuals',
      capabilities: [],
      inputs: ['interview testimony', 'identifying personal details', 'travel routes', 'information on suspected facilitators'],
      dataSharing: [
        { with: 'police', scale: 'bulk' },
      ],
    },
  },
  'greece-centaur-hyperion': {
    basis: 'Centaur combines CCTV, drones and motion/behaviour-analysis algorithms that raise alerts about "unusual" individual or group behaviour in island reception centres; Hyperion controls entry and exit with ID cards and fingerprints (a one-to-one check) and tracks benefit distribution.',
    decisionRole: 'decision_support',
    profile: {
      context: ['reception'],
      subjects: 'individuals',
      capabilities: ['behavioural_analytics', 'person_detection', 'biometric_verification_1to1'],
      inputs: ['CCTV and drone video', 'fingerprints', 'ID-card data', 'entry/exit logs', 'benefit-distribution records'],
      dataSharing: 'unknown',
    },
  },
  'greece-evros-automated-border-surveillance': {
    basis: 'Camera and radar towers detect people up to about 15 km inside Turkey and stream images to police operations centres for interception; nothing is documented about identifying people or sharing data beyond the police.',
    decisionRole: 'decision_support',
    profile: {
      context: ['border'],
      subjects: 'groups',
      capabilities: ['person_detection'],
      inputs: ['optical and thermal video', 'radar tracks'],
      dataSharing: 'unknown',
    },
  },
  'germany-bamf-dias-dialect-and-name-analysis': {
    basis: 'Software analyses a speech sample of each undocumented asylum applicant to estimate their dialect region, with tools that transliterate and analyse names, to give caseworkers indications about claimed origin: an automated assessment of a person\'s origin from voice and name. How its image biometrics match is not stated.',
    decisionRole: 'decision_support',
    profile: {
      context: ['asylum'],
      subjects: 'individuals',
      capabilities: ['profiling', 'biometric_categorisation'],
      inputs: ['voice recordings', 'dialect', 'names', 'facial images'],
      dataSharing: 'unknown',
    },
  },
  'germany-bamf-phone-data-analysis': {
    basis: 'Asylum applicants without a passport must hand over their phones, from which software extracts contact country codes, message languages, web domains and photo geolocation into an automated report used to check identity and nationality.',
    decisionRole: 'decision_support',
    profile: {
      context: ['asylum'],
      subjects: 'individuals',
      capabilities: ['device_data_extraction', 'profiling'],
      inputs: ['contacts and call/message metadata', 'contact country codes', 'language of messages', 'geolocation of photos and apps', 'browsing domains', 'app login names'],
      dataSharing: 'unknown',
    },
  },
  'uk-sham-marriage-triage': {
    basis: 'An automated triage rates each couple notified by registrars red (to be investigated) or green from eight risk factors such as age gap and shared travel, using nationality, immigration status and travel history. Whether a person reviews the rating is not stated.',
    decisionRole: 'unknown',
    profile: {
      context: ['residence'],
      subjects: 'individuals',
      capabilities: ['triage', 'risk_scoring', 'fraud_detection'],
      inputs: ['marriage notice data', 'nationality', 'immigration status', 'travel history', 'age', 'age gap', 'shared travel'],
      dataSharing: 'unknown',
    },
  },
  'uk-ipic-emrt': {
    basis: 'Rules-based tools that automatically recommend individual migrants for removal, detention or continued electronic tagging, with caseworkers nudged to accept, using data including ethnicity, health markers and biometric data.',
    decisionRole: 'decision_support',
    profile: {
      context: ['returns', 'detention'],
      subjects: 'individuals',
      capabilities: ['profiling', 'triage'],
      inputs: ['biometric data', 'ethnicity', 'health markers', 'criminal records', 'immigration history', 'electronic-monitoring data'],
      dataSharing: 'unknown',
    },
  },
  'uk-small-boat-phone-seizures': {
    basis: 'A blanket policy of seizing the phones of everyone arriving by small boat, compelling PINs and downloading their contents (nearly 2,000 people), held unlawful by the High Court.',
    decisionRole: 'unknown',
    profile: {
      context: ['border'],
      subjects: 'individuals',
      capabilities: ['device_data_extraction'],
      inputs: ['full phone contents', 'PIN codes', 'SIM data'],
      dataSharing: 'unknown',
    },
  },
  'uk-gps-tagging-pilot': {
    basis: 'Up to 600 people on immigration bail had to wear GPS ankle tags continuously recording their location, to test tagging as an alternative to detention; how the location data were used or shared is not documented.',
    decisionRole: 'unknown',
    profile: {
      context: ['detention'],
      subjects: 'individuals',
      capabilities: ['location_tracking'],
      inputs: ['continuous GPS location'],
      dataSharing: 'unknown',
    },
  },
  'uk-nhs-home-office-data-sharing': {
    basis: 'Under a memorandum of understanding the Home Office could request a patient\'s non-clinical details (name, date of birth, gender, last known address, GP registration) from NHS records to trace a suspected immigration offender: request by request.',
    decisionRole: 'none',
    profile: {
      context: ['returns'],
      subjects: 'individuals',
      capabilities: [],
      inputs: ['name', 'date of birth', 'gender', 'address', 'NHS registration date'],
      dataSharing: [
        { with: 'migration', scale: 'case_by_case', legalBasis: 'Memorandum of understanding between NHS Digital, the Home Office and the Department of Health (January 2017; withdrawn November 2018)' },
      ],
    },
  },
  'netherlands-visa-profiling-iob': {
    basis: 'A model routes each Schengen short-stay visa application to a quick or intensive review track based on risk profiles combining nationality, gender, age and place of application, making refusals and delays more likely for those flagged.',
    decisionRole: 'decision_support',
    profile: {
      context: ['visa'],
      subjects: 'individuals',
      capabilities: ['risk_scoring', 'profiling', 'triage'],
      inputs: ['nationality', 'gender', 'age', 'place of application', 'visa application data'],
      dataSharing: 'unknown',
    },
  },
  'denmark-asylum-phone-searches': {
    basis: 'Police seize and read asylum seekers\' phones and computers, including those of unaccompanied children, to check claimed identity and nationality.',
    decisionRole: 'decision_support',
    profile: {
      context: ['asylum'],
      subjects: 'individuals',
      capabilities: ['device_data_extraction'],
      inputs: ['call logs and contacts', 'photos', 'messages', 'device contents'],
      dataSharing: 'unknown',
    },
  },
  'norway-asylum-device-searches': {
    basis: 'Legislation lets police at the national arrival centre routinely search asylum seekers and examine their phones and other storage devices for identity, travel-route and other case information.',
    decisionRole: 'decision_support',
    profile: {
      context: ['asylum'],
      subjects: 'individuals',
      capabilities: ['device_data_extraction'],
      inputs: ['phone and device contents', 'travel documents', 'identity data'],
      dataSharing: 'unknown',
    },
  },
  'belgium-asylum-phone-social-media-checks': {
    basis: 'The law authorises asylum authorities to consult applicants\' public social-media profiles and examine their phones and computers to test their accounts, formally with consent.',
    decisionRole: 'decision_support',
    profile: {
      context: ['asylum'],
      subjects: 'individuals',
      capabilities: ['device_data_extraction', 'social_media_monitoring'],
      inputs: ['social-media profiles', 'phone and computer contents'],
      dataSharing: 'unknown',
    },
  },
  'us-cbp-one': {
    basis: 'Asylum seekers in Mexico had to book port-of-entry appointments in an app that checked live selfies by facial recognition and collected device location. Whether the face check is one-to-one or one-to-many is not stated, nor any sharing.',
    decisionRole: 'unknown',
    profile: {
      context: ['asylum', 'border'],
      subjects: 'individuals',
      capabilities: ['location_tracking', 'biometric_matching_unspecified'],
      inputs: ['facial images / liveness selfies', 'geolocation', 'biographic data', 'device data'],
      dataSharing: 'unknown',
    },
  },
  'us-ice-palantir-icm-immigrationos': {
    basis: 'Software that lets ICE agents search and link records from many government and commercial sources to find, build cases against and prioritise people for arrest and deportation; ImmigrationOS adds enforcement targeting and near-real-time tracking.',
    decisionRole: 'decision_support',
    profile: {
      context: ['returns', 'detention', 'policing'],
      subjects: 'individuals',
      capabilities: ['data_merging', 'profiling', 'location_tracking'],
      inputs: ['immigration and criminal records', 'addresses', 'employment', 'family relationships', 'phone records', 'biometrics', 'licence-plate reader data', 'other federal agency data'],
      dataSharing: 'unknown',
    },
  },
  'us-babel-street-locate-x-and-catch-and-revoke': {
    basis: 'Commercial tools to query phones\' location histories compiled from app advertising data and to scan online and social-media content about individuals (data merged from many sources about each person), used to locate non-citizens and (per Amnesty) in AI-assisted threat assessments feeding visa revocations.',
    decisionRole: 'decision_support',
    profile: {
      context: ['visa', 'returns'],
      subjects: 'individuals',
      capabilities: ['location_tracking', 'social_media_monitoring', 'data_merging', 'risk_scoring'],
      inputs: ['app-derived device location histories', 'social-media posts', 'IP addresses and online identifiers', 'employment history'],
      dataSharing: 'unknown',
    },
  },
  'us-ice-risk-classification-assessment': {
    basis: 'A questionnaire-driven tool that scores each arrested immigrant\'s public-safety and flight risk and recommends detention, bond or release, using among others vulnerabilities such as mental illness.',
    decisionRole: 'decision_support',
    profile: {
      context: ['detention'],
      subjects: 'individuals',
      capabilities: ['risk_scoring'],
      inputs: ['criminal and immigration history', 'family and community ties', 'employment', 'vulnerabilities (e.g. mental illness)', 'interview answers (up to 178 questions)'],
      dataSharing: 'unknown',
    },
  },
  'us-ice-dmv-facial-recognition': {
    basis: 'At ICE\'s request, state motor-vehicle agencies ran facial-recognition searches of their licence-photo databases (one-to-many, on stored photos) to locate people.',
    decisionRole: 'decision_support',
    profile: {
      context: ['returns'],
      subjects: 'individuals',
      capabilities: ['biometric_identification_retrospective'],
      inputs: ['driver licence photos', 'probe photos', 'licence records'],
      dataSharing: [
        { with: 'migration', scale: 'case_by_case' },
      ],
    },
  },
  'us-dhs-dna-collection-codis': {
    basis: 'DHS takes DNA from people it detains, including children, and sends every profile to the FBI national criminal DNA database where police can search them, after a 2020 Department of Justice rule change.',
    decisionRole: 'none',
    profile: {
      context: ['detention', 'border'],
      subjects: 'individuals',
      capabilities: [],
      inputs: ['DNA samples and profiles', 'biographic data'],
      dataSharing: [
        { with: 'police', scale: 'bulk', legalBasis: '2020 US Department of Justice rule change on DNA collection' },
      ],
    },
  },
  'australia-serco-srat': {
    basis: 'An algorithm rates each immigration detainee low to extreme risk for escape, violence, self-harm and similar behaviours from pre-detention history and logged incidents, shaping placement, escorts and the use of handcuffs.',
    decisionRole: 'decision_support',
    profile: {
      context: ['detention'],
      subjects: 'individuals',
      capabilities: ['risk_scoring'],
      inputs: ['pre-detention and criminal history', 'incident reports in detention', 'behavioural records'],
      dataSharing: 'unknown',
    },
  },
  'unhcr-primes-bims-rohingya-data-sharing': {
    basis: 'UNHCR captures fingerprints, irises and face photos of refugees to prevent duplicate registration (one-to-many matching) and deliver aid; in Bangladesh, data from the joint registration of Rohingya refugees were passed by the government to Myanmar to vet people for repatriation.',
    decisionRole: 'decision_support',
    profile: {
      context: ['humanitarian_aid', 'returns'],
      subjects: 'individuals',
      capabilities: ['biometric_identification_retrospective'],
      inputs: ['ten fingerprints', 'iris images', 'facial photographs', 'biographic and family data'],
      dataSharing: [
        { with: 'country_of_origin', scale: 'bulk' },
      ],
    },
  },
  'netherlands-ind-sponsor-risk-model': {
    basis: 'A fraud-risk model that scored each company seeking to sponsor highly skilled migrants using the nationality or country of birth of its directors (individual people), on the assumption that non-Western management meant more residence-permit fraud.',
    decisionRole: 'decision_support',
    profile: {
      context: ['residence'],
      subjects: 'individuals',
      capabilities: ['fraud_detection', 'risk_scoring'],
      inputs: ['company registry data', 'directors\' nationality', 'directors\' country of birth'],
      dataSharing: 'unknown',
    },
  },
};
