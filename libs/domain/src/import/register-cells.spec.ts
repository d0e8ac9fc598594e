import { readDateCell, readStatusCell, splitDatedUpdates } from './register-cells';

describe('reading the cells of a register as bodies keep them', () => {
  it('reads the body’s own labels and what the register’s downloads write: cancelled, not yet reported', () => {
    expect(readStatusCell('On track', { 'on track': 'GREEN' })).toEqual({ kind: 'status', status: 'GREEN' });
    expect(readStatusCell('White (NS)')).toEqual({ kind: 'status', status: 'WHITE' });
    expect(readStatusCell('Cancelled')).toEqual({ kind: 'cancelled' });
    expect(readStatusCell('\u0410')).toEqual({ kind: 'status', status: 'AMBER' }); // a Cyrillic А, as seed 000 has
    expect(readStatusCell('Not yet reported')).toEqual({ kind: 'blank' });
    expect(readStatusCell('Cancelled/Green')).toEqual({ kind: 'unreadable', written: 'Cancelled/Green' });
  });

  it('reads a status written as a letter, a word, or between two, as the worse of the two', () => {
    expect(readStatusCell('G')).toEqual({ kind: 'status', status: 'GREEN' });
    expect(readStatusCell(' Amber ')).toEqual({ kind: 'status', status: 'AMBER' });
    expect(readStatusCell('R/A')).toEqual({ kind: 'status', status: 'RED' });
    expect(readStatusCell('Amber / Green')).toEqual({ kind: 'status', status: 'AMBER' });
    expect(readStatusCell('Not started')).toEqual({ kind: 'status', status: 'WHITE' });
    expect(readStatusCell('Complete')).toEqual({ kind: 'completed' });
    expect(readStatusCell('B')).toEqual({ kind: 'completed' });
    expect(readStatusCell('')).toEqual({ kind: 'blank' });
    expect(readStatusCell('Purple')).toEqual({ kind: 'unreadable', written: 'Purple' });
    expect(readStatusCell('R/Complete')).toEqual({ kind: 'unreadable', written: 'R/Complete' });
  });

  it('reads dates written the British way, ISO dates and spreadsheet serial numbers', () => {
    expect(readDateCell('10.10.17')).toBe('2017-10-10');
    expect(readDateCell('31/03/2018')).toBe('2018-03-31');
    expect(readDateCell('2018-03-31')).toBe('2018-03-31');
    expect(readDateCell(43190)).toBe('2018-03-31');
    expect(readDateCell('43190')).toBe('2018-03-31');
    expect(readDateCell('31/02/2018')).toBeNull();
    expect(readDateCell('Mar-18')).toBeNull();
    expect(readDateCell(42)).toBeNull();
  });

  it('splits a cell of several dated updates into its entries, keeping an undated lead apart', () => {
    const cell =
      'Proposals approved at E-FEB panels. 10.10.17 - Exploring new ways to engage. ' +
      '14.11.17 - Apprenticeships agreed; first intake in March.';
    expect(splitDatedUpdates(cell)).toEqual({
      undated: 'Proposals approved at E-FEB panels.',
      entries: [
        { on: '2017-10-10', note: 'Exploring new ways to engage.' },
        { on: '2017-11-14', note: 'Apprenticeships agreed; first intake in March.' },
      ],
    });
    expect(splitDatedUpdates('No dates here.')).toEqual({ undated: 'No dates here.', entries: [] });
    // A date inside a sentence, not opening an entry, stays in the text.
    expect(splitDatedUpdates('31/03/2018: Reviewed on 1/4/2018 by the board.')).toEqual({
      undated: null,
      entries: [{ on: '2018-03-31', note: 'Reviewed on 1/4/2018 by the board.' }],
    });
  });
});
