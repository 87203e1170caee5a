// The sensitive characteristics the briefing names (and those every equality law protects), and
// known proxies of them, each with why it is a proxy. Field names are matched across case, accents
// and spelling in English, French, German, Dutch, Spanish and Italian.

export type Characteristic = { id: string; label: string; names: string[] };
/** `except`: field names that contain one of `names` but mean something else ("email address" is no home address). */
export type Proxy = { id: string; label: string; of: string[]; why: string; names: string[]; except?: string[] };

export const CHARACTERISTICS: Characteristic[] = [
  { id: 'race_ethnicity', label: 'race or ethnic origin', names: ['race', 'ethnicity', 'ethnic origin', 'ethnic group', 'origine ethnique', 'ethnie', 'ethnische herkunft', 'ethnizitat', 'etniciteit', 'etnische afkomst', 'etnia', 'origen etnico', 'origine etnica', 'skin colour', 'skin color', 'couleur de peau', 'hautfarbe', 'huidskleur', 'color de piel', 'colore della pelle'] },
  { id: 'national_origin', label: 'national origin', names: ['national origin', 'country of origin', 'origine nationale', 'pays d origine', 'herkunftsland', 'land van herkomst', 'pais de origen', 'paese di origine'] },
  { id: 'nationality', label: 'nationality or citizenship', names: ['nationality', 'citizenship', 'nationalite', 'citoyennete', 'staatsangehorigkeit', 'nationalitat', 'nationaliteit', 'staatsburgerschap', 'nacionalidad', 'ciudadania', 'nazionalita', 'cittadinanza'] },
  { id: 'foreign_affiliation', label: '"foreign affiliation"', names: ['foreign affiliation', 'migration background', 'migrationshintergrund', 'migratieachtergrond', 'foreign origin', 'origine etrangere', 'allochtoon', 'dual nationality', 'double nationalite', 'doppelte staatsburgerschap'] },
  { id: 'religion', label: 'religion or belief', names: ['religion', 'religious belief', 'belief', 'beliefs', 'faith', 'confession', 'croyance', 'croyances', 'religionszugehorigkeit', 'glaube', 'religie', 'geloof', 'religion', 'creencia', 'religione', 'fede'] },
  { id: 'political', label: 'political opinion or affiliation', names: ['political affiliation', 'political opinion', 'political views', 'party membership', 'opinion politique', 'appartenance politique', 'politische meinung', 'parteizugehorigkeit', 'politieke voorkeur', 'afiliacion politica', 'opinione politica'] },
  { id: 'genetic', label: 'genetic data', names: ['genetic', 'dna', 'adn', 'genome', 'genetische daten', 'genetische gegevens', 'datos geneticos', 'dati genetici', 'donnees genetiques'] },
  { id: 'health', label: 'health data', names: ['health', 'medical', 'diagnosis', 'disease', 'sante', 'medical record', 'dossier medical', 'gesundheit', 'gezondheid', 'salud', 'salute', 'pregnancy', 'grossesse', 'hiv', 'illness', 'mental illness', 'maladie', 'maladie mentale', 'krankheit', 'psychische erkrankung', 'ziekte', 'psychische aandoening', 'enfermedad', 'enfermedad mental', 'malattia', 'malattia mentale'] },
  { id: 'biometric', label: 'biometric data', names: ['biometric', 'biometrics', 'fingerprint', 'fingerprints', 'face image', 'facial image', 'iris', 'voiceprint', 'biometrie', 'empreintes digitales', 'empreinte digitale', 'fingerabdruck', 'vingerafdruk', 'huella dactilar', 'impronta digitale', 'face images', 'facial images', 'facial photograph', 'facial photographs', 'facial video', 'palm print', 'palm prints', 'palm vein', 'image faciale', 'images faciales', 'empreintes palmaires', 'gesichtsbild', 'gesichtsbilder', 'vingerafdrukken', 'gezichtsopname', 'gezichtsopnamen', 'imagen facial', 'imagenes faciales', 'huellas dactilares', 'immagine facciale', 'immagini facciali', 'impronte digitali'] },
  { id: 'gender', label: 'gender or sex', names: ['gender', 'sex', 'genre', 'sexe', 'geschlecht', 'geslacht', 'sexo', 'genero', 'sesso'] },
  { id: 'age', label: 'age', names: ['age', 'date of birth', 'birth date', 'dob', 'date de naissance', 'alter', 'geburtsdatum', 'leeftijd', 'geboortedatum', 'edad', 'fecha de nacimiento', 'data di nascita'] },
  { id: 'disability', label: 'disability', names: ['disability', 'handicap', 'impairment', 'behinderung', 'beperking', 'discapacidad', 'disabilita'] },
  { id: 'sexual_orientation', label: 'sexual orientation', names: ['sexual orientation', 'orientation sexuelle', 'sexuelle orientierung', 'seksuele orientatie', 'orientacion sexual', 'orientamento sessuale'] },
];

export const PROXIES: Proxy[] = [
  { id: 'postcode', label: 'postcode', of: ['race_ethnicity', 'national_origin'], why: 'where people live tracks socio-economic status and, through residential segregation, ethnicity', names: ['postcode', 'post code', 'postal code', 'zip code', 'zip', 'code postal', 'postleitzahl', 'plz', 'codigo postal', 'cap', 'codice postale', 'address', 'adresse', 'adres', 'direccion', 'indirizzo', 'neighbourhood', 'quartier', 'wijk', 'barrio', 'quartiere', 'place of residence', 'city of residence', 'country of residence', 'lieu de residence', 'pays de residence', 'wohnort', 'wohnsitz', 'woonplaats', 'lugar de residencia', 'pais de residencia', 'luogo di residenza', 'paese di residenza'],
    except: ['ip address', 'ip addresses', 'email address', 'email addresses', 'e mail address', 'mac address', 'web address', 'adresse ip', 'adresse e mail', 'adresse electronique', 'adresse mail', 'ip adresse', 'e mail adresse', 'mailadresse', 'ip adres', 'e mailadres', 'mailadres', 'direccion ip', 'direccion de correo', 'correo electronico', 'indirizzo ip', 'indirizzo email', 'indirizzo e mail'] },
  { id: 'diet', label: 'dietary requirements', of: ['religion', 'health'], why: 'halal, kosher or vegetarian meals reveal religion; medical diets reveal health', names: ['dietary requirements', 'diet', 'meal preference', 'meal request', 'special meal', 'regime alimentaire', 'repas special', 'ernahrung', 'essenswunsch', 'dieetwensen', 'maaltijdvoorkeur', 'dieta', 'preferencia alimentaria', 'preferenza alimentare'] },
  { id: 'language', label: 'language or dialect', of: ['national_origin', 'race_ethnicity'], why: 'the language or dialect spoken points to national or ethnic origin', names: ['language', 'dialect', 'mother tongue', 'native language', 'langue', 'dialecte', 'langue maternelle', 'sprache', 'muttersprache', 'taal', 'moedertaal', 'idioma', 'lengua', 'lingua', 'dialetto', 'accent', 'languages', 'voice recording', 'voice recordings', 'speech sample', 'speech recording', 'enregistrement vocal', 'echantillon de parole', 'sprachaufnahme', 'sprachprobe', 'spraakopname', 'grabacion de voz', 'muestra de habla', 'registrazione vocale', 'campione vocale'] },
  { id: 'name', label: 'names', of: ['race_ethnicity', 'religion'], why: 'first and family names are read as ethnic or religious markers', names: ['name', 'first name', 'surname', 'family name', 'last name', 'given name', 'nom', 'prenom', 'nom de famille', 'vorname', 'nachname', 'familienname', 'voornaam', 'achternaam', 'nombre', 'apellido', 'nome', 'cognome', 'names', 'first names', 'surnames', 'family names', 'noms', 'prenoms', 'vornamen', 'namen', 'voornamen', 'nombres', 'apellidos', 'nomi', 'cognomi'] },
  { id: 'phone_country_code', label: 'phone country codes', of: ['nationality', 'national_origin'], why: 'the country code of a phone number points to nationality', names: ['phone country code', 'country code', 'dialling code', 'calling code', 'indicatif', 'indicatif telephonique', 'landervorwahl', 'landnummer', 'landcode', 'prefijo telefonico', 'prefisso internazionale', 'country codes', 'calling codes', 'indicatifs', 'landervorwahlen', 'landcodes', 'prefijos telefonicos', 'prefissi internazionali'] },
  { id: 'place_of_birth', label: 'place of birth', of: ['nationality', 'national_origin'], why: 'the place of birth points to national origin', names: ['place of birth', 'birthplace', 'country of birth', 'lieu de naissance', 'pays de naissance', 'geburtsort', 'geburtsland', 'geboorteplaats', 'geboorteland', 'lugar de nacimiento', 'luogo di nascita'] },
  { id: 'travel_history', label: 'travel history', of: ['nationality', 'religion'], why: 'trips to some countries (and pilgrimages) are read as nationality or religion', names: ['travel history', 'previous travel', 'travel route', 'countries visited', 'historique de voyage', 'voyages anterieurs', 'reisehistorie', 'reisverleden', 'historial de viajes', 'storia dei viaggi', 'travel routes', 'conflict zone travel', 'travel to conflict zones', 'itineraire de voyage', 'reiseroute', 'reisroute', 'ruta de viaje', 'itinerario di viaggio'] },
];

/** Lower case, accents and punctuation removed: "Code-Postal" → "code postal". */
export const normaliseField = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

const containsWords = (field: string, name: string) => ` ${field} `.includes(` ${name} `);

export type InputMatch =
  | { input: string; kind: 'characteristic'; characteristic: Characteristic }
  | { input: string; kind: 'proxy'; proxy: Proxy; characteristics: Characteristic[] };

/** What a system's input fields reveal: sensitive characteristics, proxies of them, and what was not recognised. */
export function classifyInputs(inputs: readonly string[]): { matches: InputMatch[]; unrecognised: string[] } {
  const matches: InputMatch[] = [];
  const unrecognised: string[] = [];
  for (const input of inputs) {
    const field = normaliseField(input);
    const characteristic = CHARACTERISTICS.find((c) => c.names.some((n) => containsWords(field, normaliseField(n))));
    if (characteristic) {
      matches.push({ input, kind: 'characteristic', characteristic });
      continue;
    }
    const proxy = PROXIES.find((p) => p.names.some((n) => containsWords(field, normaliseField(n))) && !p.except?.some((n) => containsWords(field, normaliseField(n))));
    if (proxy) matches.push({ input, kind: 'proxy', proxy, characteristics: CHARACTERISTICS.filter((c) => proxy.of.includes(c.id)) });
    else unrecognised.push(input);
  }
  return { matches, unrecognised };
}
