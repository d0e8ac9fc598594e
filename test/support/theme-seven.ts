/**
 * Twenty actions of seed 000's Theme 7 ("Spending public money wisely"), shortened, and the Q2
 * 2017/18 status each had: 12 Green and 8 Amber. The leads are the two officers the browser
 * journeys add, Carol Reid (the seed's CR) and Kay Dawson (its KD).
 */
export const THEME_SEVEN_PLAN = 'Police and Crime Plan 2016-18';
export const THEME_SEVEN = 'Theme 7: Spending public money wisely';

export const THEME_SEVEN_ACTIONS: readonly {
  ref: string;
  lead: 'carol' | 'kay';
  title: string;
  q2: 'GREEN' | 'AMBER';
}[] = [
  {
    ref: '7C01',
    lead: 'kay',
    title: 'Support a strategic alliance with Leicestershire and Northamptonshire Police.',
    q2: 'AMBER',
  },
  {
    ref: '7C02',
    lead: 'carol',
    title: 'Ensure the Force achieves a balanced budget and the required savings.',
    q2: 'GREEN',
  },
  {
    ref: '7C03',
    lead: 'carol',
    title: 'Achieve greater savings through collaboration with other Forces.',
    q2: 'GREEN',
  },
  { ref: '7C04', lead: 'kay', title: 'Produce a commissioning framework with clear outcomes.', q2: 'AMBER' },
  {
    ref: '7C05',
    lead: 'carol',
    title: 'Submit bids to maximise funding opportunities nationally.',
    q2: 'AMBER',
  },
  {
    ref: '7C06',
    lead: 'kay',
    title: 'Develop a business case for the relationship with a future Mayor.',
    q2: 'AMBER',
  },
  {
    ref: '7C07',
    lead: 'kay',
    title: 'Work with emergency services to improve the efficiency of public services.',
    q2: 'GREEN',
  },
  {
    ref: '7C08',
    lead: 'kay',
    title: 'Review regional governance to align with the single operating model.',
    q2: 'AMBER',
  },
  { ref: '7C09', lead: 'carol', title: 'Support the Committee on Standards in Public Life.', q2: 'GREEN' },
  {
    ref: '7F01',
    lead: 'carol',
    title: 'Recruit more volunteers, especially BME, to support policing.',
    q2: 'GREEN',
  },
  {
    ref: '7F02',
    lead: 'kay',
    title: 'Lead the Tri-Force collaboration subject to the business case.',
    q2: 'AMBER',
  },
  {
    ref: '7F03',
    lead: 'kay',
    title: 'Review the National Strategic Policing Requirements regularly.',
    q2: 'GREEN',
  },
  { ref: '7F04', lead: 'carol', title: 'Provide Positive Action support for BME candidates.', q2: 'GREEN' },
  { ref: '7F05', lead: 'carol', title: 'Introduce mentoring to ensure greater representation.', q2: 'GREEN' },
  {
    ref: '7F06',
    lead: 'carol',
    title: 'Publish annual reports on the experiences of BME officers.',
    q2: 'AMBER',
  },
  {
    ref: '7F07',
    lead: 'kay',
    title: 'Develop a comprehensive strategy for managing demand with partners.',
    q2: 'AMBER',
  },
  { ref: '7F08', lead: 'kay', title: 'Explore ways to reduce disparities in service outcomes.', q2: 'GREEN' },
  { ref: '7P01', lead: 'carol', title: 'Pool budgets and integrate services with partners.', q2: 'GREEN' },
  {
    ref: '7P02',
    lead: 'kay',
    title: 'Put information sharing agreements in place for multi-agency work.',
    q2: 'GREEN',
  },
  {
    ref: '7P03',
    lead: 'carol',
    title: 'Review the role and function of the Safer Nottinghamshire Board.',
    q2: 'GREEN',
  },
];
