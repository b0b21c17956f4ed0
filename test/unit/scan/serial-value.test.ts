/**
 * What a scanned barcode puts in the device card: the label's prefix and control characters go,
 * the first line stays, the card's limit holds, and a 15-digit value is checked as an IMEI.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIMITS } from '../../../src/protocol/model.js';
import { luhnValid, serialFromBarcode } from '../../../src/scan/serial-value.js';

describe('serial from a barcode', () => {
  it('checks the Luhn digit of IMEIs', () => {
    assert.equal(luhnValid('490154203237518'), true);
    assert.equal(luhnValid('356938035643809'), true);
    assert.equal(luhnValid('490154203237519'), false);
    assert.equal(luhnValid('49015420323751x'), false);
    assert.equal(luhnValid(''), false);
  });

  it('says whether a 15-digit value is a valid IMEI, and only for 15 digits', () => {
    assert.deepEqual(serialFromBarcode('490154203237518'), { value: '490154203237518', imei: { valid: true } });
    assert.deepEqual(serialFromBarcode('490154203237519'), { value: '490154203237519', imei: { valid: false } });
    assert.deepEqual(serialFromBarcode('4901542032375180'), { value: '4901542032375180' });
    assert.deepEqual(serialFromBarcode('C02XK0AAJG5H'), { value: 'C02XK0AAJG5H' });
  });

  it("drops a label's prefix, control characters and later lines", () => {
    assert.deepEqual(serialFromBarcode('IMEI: 490154203237518'), { value: '490154203237518', imei: { valid: true } });
    assert.deepEqual(serialFromBarcode('IMEI1 490154203237518\nIMEI2 356938035643809'), { value: '490154203237518', imei: { valid: true } });
    assert.equal(serialFromBarcode('S/N: C02XK0AAJG5H')?.value, 'C02XK0AAJG5H');
    assert.equal(serialFromBarcode('sn#R58M12ABCDE')?.value, 'R58M12ABCDE');
    assert.equal(serialFromBarcode('Serial No.: 5CD1234XYZ')?.value, '5CD1234XYZ');
    assert.equal(serialFromBarcode('\n\n  SNOWBOARD-42 ')?.value, 'SNOWBOARD-42', 'a word that starts with "sn" is not a prefix');
    assert.equal(serialFromBarcode('0109501101530003\u001d21ABC123')?.value, '0109501101530003 21ABC123');
  });

  it('keeps the device card within its field limit, and gives nothing for an empty code', () => {
    assert.equal(serialFromBarcode('X'.repeat(LIMITS.maxContextFieldChars + 40))?.value.length, LIMITS.maxContextFieldChars);
    assert.equal(serialFromBarcode('   '), undefined);
    assert.equal(serialFromBarcode('IMEI:'), undefined);
  });
});
