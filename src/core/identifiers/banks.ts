/**
 * Banxico's catalogue of SPEI participants, keyed by the 3-digit bank code (ABM code) that opens
 * every CLABE, with the participant's 5-digit SPEI institution code and the short name Banxico
 * publishes for it.
 *
 * Source: the `BANKS` and `BANK_NAMES` tables of the `clabe` Python package (cuenca-mx/clabe-python,
 * MIT licence), clabe/banks.py at commit c48262273b823d56c1b507a05a2213a22a3dcb31 (2026-03-25),
 * whose last change to the catalogue is 47fcafb (2026-03-23, "Added 90714 PPBALANCEMX"). That
 * table was downloaded from Banxico's list of institutions
 * (https://www.banxico.org.mx/cep-scl/listaInstituciones.do, 2022-10-18) and has since been kept
 * in step with Banxico's CEP list of institutions by its maintainers (scripts/compare_banks.py
 * compares it with https://www.banxico.org.mx/cep/instituciones.do). Names are uppercased as
 * Banxico writes them (the package compares them with Banxico's case-insensitively); nothing here
 * comes from anywhere else. A code missing here (e.g. 032, once IXE Banco's) is not a SPEI
 * participant today, so a CLABE that starts with it cannot receive a transfer.
 *
 * To update: compare with Banxico's current list and change BANKS_AS_OF with the rows.
 */
export interface Bank {
  /** The 3-digit code at the start of a CLABE, e.g. "012". */
  readonly code: string;
  /** Banxico's 5-digit SPEI institution code, e.g. "40012" (Banxico itself is "2001"). */
  readonly spei: string;
  /** Banxico's short name, e.g. "BBVA MEXICO". */
  readonly name: string;
}

/** The date of the catalogue's newest change (ISO), shown to users when a code is not in it. */
export const BANKS_AS_OF = "2026-03-23";

const ROWS: readonly (readonly [code: string, spei: string, name: string])[] = [
  ["001", "2001", "BANXICO"],
  ["002", "40002", "BANAMEX"],
  ["006", "37006", "BANCOMEXT"],
  ["009", "37009", "BANOBRAS"],
  ["012", "40012", "BBVA MEXICO"],
  ["014", "40014", "SANTANDER"],
  ["019", "37019", "BANJERCITO"],
  ["021", "40021", "HSBC"],
  ["030", "40030", "BAJIO"],
  ["036", "40036", "INBURSA"],
  ["042", "40042", "MIFEL"],
  ["044", "40044", "SCOTIABANK"],
  ["058", "40058", "BANREGIO"],
  ["059", "40059", "INVEX"],
  ["060", "40060", "BANSI"],
  ["062", "40062", "AFIRME"],
  ["072", "40072", "BANORTE"],
  ["106", "40106", "BANK OF AMERICA"],
  ["108", "40108", "MUFG"],
  ["110", "40110", "JP MORGAN"],
  ["112", "40112", "BMONEX"],
  ["113", "40113", "VE POR MAS"],
  ["124", "40124", "CITI MEXICO"],
  ["127", "40127", "AZTECA"],
  ["128", "40128", "AUTOFIN"],
  ["129", "40129", "BARCLAYS"],
  ["130", "40130", "COMPARTAMOS"],
  ["132", "40132", "MULTIVA BANCO"],
  ["133", "40133", "ACTINVER"],
  ["135", "37135", "NAFIN"],
  ["136", "40136", "INTERCAM BANCO"],
  ["137", "40137", "BANCOPPEL"],
  ["138", "40138", "UALA"],
  ["140", "40140", "CONSUBANCO"],
  ["141", "40141", "VOLKSWAGEN"],
  ["143", "40143", "CIBANCO"],
  ["145", "40145", "BBASE"],
  ["147", "40147", "BANKAOOL"],
  ["148", "40148", "PAGATODO"],
  ["150", "40150", "INMOBILIARIO"],
  ["151", "40151", "DONDE"],
  ["152", "40152", "BANCREA"],
  ["154", "40154", "BANCO COVALTO"],
  ["155", "40155", "ICBC"],
  ["156", "40156", "SABADELL"],
  ["157", "40157", "SHINHAN"],
  ["158", "40158", "MIZUHO BANK"],
  ["159", "40159", "BANK OF CHINA"],
  ["160", "40160", "BANCO S3"],
  ["166", "37166", "BABIEN"],
  ["167", "40167", "HEY BANCO"],
  ["168", "37168", "HIPOTECARIA FED"],
  ["600", "90600", "MONEXCB"],
  ["601", "90601", "GBM"],
  ["602", "90602", "MASARI"],
  ["605", "90605", "VALUE"],
  ["616", "90616", "FINAMEX"],
  ["617", "90617", "VALMEX"],
  ["620", "90620", "PROFUTURO"],
  ["630", "90630", "CB INTERCAM"],
  ["631", "90631", "CI BOLSA"],
  ["634", "90634", "FINCOMUN"],
  ["638", "90638", "NU MEXICO"],
  ["646", "90646", "STP"],
  ["652", "90652", "CREDICAPITAL"],
  ["653", "90653", "KUSPIT"],
  ["656", "90656", "UNAGRA"],
  ["659", "90659", "ASP INTEGRA OPC"],
  ["661", "90661", "KLAR"],
  ["670", "90670", "LIBERTAD"],
  ["677", "90677", "CAJA POP MEXICA"],
  ["680", "90680", "CRISTOBAL COLON"],
  ["683", "90683", "CAJA TELEFONIST"],
  ["684", "90684", "TRANSFER"],
  ["685", "90685", "FONDO (FIRA)"],
  ["688", "90688", "CREDICLUB"],
  ["689", "90689", "FOMPED"],
  ["699", "90699", "FONDEADORA"],
  ["703", "90703", "TESORED"],
  ["706", "90706", "ARCUS FI"],
  ["710", "90710", "NVIO"],
  ["714", "90714", "PPBALANCEMX"],
  ["715", "90715", "CASHI CUENTA"],
  ["720", "90720", "MEXPAGO"],
  ["721", "90721", "ALBO"],
  ["722", "90722", "MERCADO PAGO W"],
  ["723", "90723", "CUENCA"],
  ["725", "90725", "COOPDESARROLLO"],
  ["727", "90727", "TRANSFER DIRECTO"],
  ["728", "90728", "SPIN BY OXXO"],
  ["729", "90729", "DEP Y PAG DIG"],
  ["730", "90730", "SWAP"],
  ["732", "90732", "PEIBO"],
  ["734", "90734", "FINCO PAY"],
  ["738", "90738", "FINTOC"],
  ["901", "90901", "CLS"],
  ["902", "90902", "INDEVAL"],
  ["903", "90903", "CODI VALIDA"],
];

export const BANKS: ReadonlyMap<string, Bank> = new Map(ROWS.map(([code, spei, name]) => [code, { code, spei, name }]));

/** The SPEI participant with this 3-digit code, or undefined when there is none. */
export function bankByCode(code: string): Bank | undefined {
  return BANKS.get(code);
}
