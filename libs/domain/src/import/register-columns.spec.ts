import { matchColumns } from './register-columns';

describe('finding which column of a register holds what', () => {
  it('reads seed 000’s headers, and seed 003’s work plan', () => {
    expect(matchColumns(['Ref', 'Lead Officer St', '', 'Strategic Activity', 'RAGB STATUS'])).toEqual({
      columns: { ref: 0, leadOfficer: 1, title: 3, status: 4 },
      unmatched: [],
      problems: [],
    });
    expect(matchColumns(['Objective', 'Specific Deliverable', 'Actions', 'Due Date']).columns).toEqual({
      objective: 0,
      deliverable: 1,
      title: 2,
      dueDate: 3,
    });
  });

  it('takes --map for odd headers, reports headers it cannot read, and refuses a field mapped to two columns', () => {
    const headers = ['Action Ref', 'Who', 'What we will do', 'RAG', 'Notes'];
    expect(matchColumns(headers, ['Who=leadOfficer', 'What we will do=title'])).toEqual({
      columns: { ref: 0, leadOfficer: 1, title: 2, status: 3 },
      unmatched: ['Notes'],
      problems: [],
    });
    // A --map wins over a header: the column it displaces is reported, not read.
    expect(matchColumns(headers, ['Notes=status'])).toMatchObject({
      columns: { status: 4 },
      unmatched: ['Who', 'What we will do', 'RAG'],
    });
    expect(matchColumns(headers, ['Notes=status', 'Who=status']).problems).toEqual([
      'status is in two columns: "Notes" and "Who" (--map Who=status)',
    ]);
    expect(matchColumns(headers, ['Nowhere=title', 'Who=owner']).problems).toEqual([
      '--map Nowhere=title: no column is headed "Nowhere"',
      '--map Who=owner: "owner" is not a field (ref, leadOfficer, title, theme, objective, deliverable, dueDate, status, lastUpdate, updateDate)',
    ]);
  });
});
