import { parsePhoneNumberWithError } from 'libphonenumber-js';
import type { SeededRandom } from './seeded-random';

/** Someone who contacts support, on any channel. */
export interface ScenarioPerson {
  name: string;
  email: string;
  /** E.164, as RingCentral sends it. */
  phone: string;
}

const FIRST_NAMES = ['Thomas', 'Jane', 'Maria', 'Wei', 'Aisha', 'Lucas', 'Priya', 'Omar', 'Sofia', 'Kenji'];
const LAST_NAMES = ['Anderson', 'Garcia', 'Nguyen', 'Okafor', 'Schmidt', 'Rossi', 'Kowalski', 'Haddad'];
const AREA_CODES = ['212', '213', '305', '312', '408', '415', '512', '617', '646', '702', '718', '805'];

/**
 * A made-up person. The random e-mail suffix keeps people from different scenarios apart; phone
 * numbers use the 555 exchange, which libphonenumber accepts as valid US numbers.
 */
export function randomPerson(random: SeededRandom): ScenarioPerson {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  return {
    name: `${first} ${last}`,
    email: `${first}.${last}.${random.hex(6)}@example.com`.toLowerCase(),
    phone: `+1${random.pick(AREA_CODES)}555${random.digits(4)}`,
  };
}

/**
 * How people type their own number into a chat form, e.g. `(408) 555-0123` for `+14085550123`, so
 * a test can check that a chat and a call from one person meet in one customer.
 */
export function nationalPhoneFormat(e164: string): string {
  return parsePhoneNumberWithError(e164).formatNational();
}
