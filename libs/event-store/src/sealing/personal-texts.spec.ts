import { linkedPersonalTexts } from './personal-texts';

const chris = '3f1c6a2e-7b0d-5e55-9a61-0c7f2d4b8e19';
const orson = '8a2d1c4e-1111-5e55-9a61-0c7f2d4b8e19';

describe('the words an event links to people', () => {
  it("takes a person's own name, email and job title from their stream", () => {
    const texts = linkedPersonalTexts(`person-${chris}`, {
      name: 'Chris Rowe',
      email: 'chris.rowe@opcc.example',
      jobTitle: 'Head of Finance',
      homeBodyId: 'default',
    });
    expect(Object.fromEntries(texts)).toEqual({
      'Chris Rowe': chris,
      'chris.rowe@opcc.example': chris,
      'Head of Finance': chris,
    });
  });

  it("pairs an action's leads with the people they are, leaving those who are not people", () => {
    const texts = linkedPersonalTexts('action-1', {
      leadOfficers: ['Chris Rowe', 'CFO'],
      leadPersonIds: [chris, null],
    });
    expect(Object.fromEntries(texts)).toEqual({ 'Chris Rowe': chris });
  });

  it("finds board members, declarations, decision makers and a meeting's attendance, however deep", () => {
    const texts = linkedPersonalTexts('meeting-1', {
      members: [{ name: 'Cllr Orson', personId: orson, role: 'Chairman' }],
      declaration: { member: 'Chris Rowe', memberPersonId: chris, nature: 'a personal interest' },
      decisions: [{ decisionMaker: 'Chris Rowe', decisionMakerPersonId: chris }],
      people: { 'Cllr Orson': orson },
    });
    expect(Object.fromEntries(texts)).toEqual({ 'Cllr Orson': orson, 'Chris Rowe': chris });
  });
});
