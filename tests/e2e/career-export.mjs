// A made-up LinkedIn export for the career views (core network, reconnect, talked to
// lately, missing chapters) and for "what changed": Profile.csv, Connections.csv,
// messages.csv, Positions.csv and Education.csv of one invented owner, Robin Quay.
// No real person's data: every name is built from the lists below.

const FIRST = ['Ada', 'Bo', 'Cy', 'Di', 'Ed', 'Flo', 'Gus', 'Hal', 'Ivy', 'Jo', 'Kai', 'Liv', 'Mo', 'Ned', 'Oz', 'Pia'];
const LAST = ['Arden', 'Brook', 'Crane', 'Dale', 'Eske', 'Frost', 'Grove', 'Hale', 'Inge', 'Jarl'];

/** The people of the export: `count` of them, in fixed companies, titles and dates. */
export function people(count = 160) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const first = FIRST[i % FIRST.length];
    const last = `${LAST[Math.floor(i / FIRST.length) % LAST.length]}${Math.floor(i / (FIRST.length * LAST.length)) || ''}`;
    // 60 at Globex (engineers), 40 at Hooli (sales), 30 at Acme (design), 24 at Umbrella
    // (finance), 3 at Initech, 3 elsewhere.
    let company; let title; let year;
    if (i < 60) { company = 'Globex'; title = i % 5 === 0 ? 'Engineering Manager' : 'Software Engineer'; year = 2019 + (i % 6); }
    else if (i < 100) { company = 'Hooli'; title = i % 4 === 0 ? 'Director of Sales' : 'Account Executive'; year = 2013 + (i % 4); }
    else if (i < 130) { company = 'Acme'; title = 'Product Designer'; year = 2016 + (i % 3); }
    else if (i < 154) { company = 'Umbrella'; title = 'Financial Analyst'; year = 2017 + (i % 2); }
    else if (i < 157) { company = 'Initech'; title = 'Engineer'; year = 2014; }
    else { company = 'Freelance'; title = 'Consultant'; year = 2022; }
    const month = 1 + (i % 12);
    out.push({ first, last, url: `https://www.linkedin.com/in/${first.toLowerCase()}-${last.toLowerCase()}-${i}`, company, title, on: new Date(Date.UTC(year, month - 1, 1 + (i % 27))) });
  }
  // The first connection: May 2011 (the owner joined LinkedIn then).
  out[0].on = new Date(Date.UTC(2011, 4, 3));
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const day = (d) => `${String(d.getUTCDate()).padStart(2, '0')} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
const stamp = (y, m, d) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} 10:00:00 UTC`;
const OWNER = { name: 'Robin Quay', url: 'https://www.linkedin.com/in/robin-quay' };

/** Connections.csv of `list`. */
export function connections(list) {
  const rows = ['Notes:', '"When exporting your connection data, you may notice that some of the email addresses are missing."', '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On'];
  for (const p of list) rows.push(`${p.first},${p.last},${p.url},,${p.company},${p.title},${day(p.on)}`);
  return rows.join('\n') + '\n';
}

/**
 * messages.csv: conversations with `talks` entries `{ index, year, count }` (the owner and
 * person `index` of `list` write `count` messages each, in `year`).
 */
export function messages(list, talks) {
  const rows = ['CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS'];
  for (const t of talks) {
    const p = list[t.index];
    const name = `${p.first} ${p.last}`;
    for (let k = 0; k < t.count; k++) {
      const month = 1 + (k % 12);
      rows.push(`"c-${t.index}","","${OWNER.name}","${OWNER.url}","${name}","${p.url}","${stamp(t.year, month, 2)}","","hello","INBOX",""`);
      rows.push(`"c-${t.index}","","${name}","${p.url}","${OWNER.name}","${OWNER.url}","${stamp(t.year, month, 3)}","","hi","INBOX",""`);
    }
  }
  return rows.join('\n') + '\n';
}

/** Who Robin talks to: Globex colleagues lately, Hooli and Acme people years ago. */
export function talks() {
  const out = [];
  for (let i = 0; i < 20; i++) out.push({ index: i, year: 2026, count: 2 + (i % 4) });
  for (let i = 60; i < 72; i++) out.push({ index: i, year: 2019, count: 4 + (i % 3) });
  for (let i = 100; i < 106; i++) out.push({ index: i, year: 2020, count: 3 });
  return out;
}

export const PROFILE = 'First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n'
  + 'Robin,Quay,,,,Engineering at Globex,,Software Development,,,,,\n';

export const POSITIONS = 'Company Name,Title,Description,Location,Started On,Finished On\n'
  + 'Globex,Senior Software Engineer,,,Mar 2019,\n'
  + 'Initech,Software Engineer,,,Jan 2012,Jan 2016\n'
  + 'Vandelay Industries,Analyst,,,Sep 2006,Jun 2009\n';

export const EDUCATION = 'School Name,Start Date,End Date,Notes,Degree Name,Activities\n'
  + 'Shelbyville College,2002,2005,,BSc Computing,\n';

/** The files of the export, ready for `dropFiles`. */
export function exportFiles(list = people(), t = talks()) {
  return [
    { name: 'Profile.csv', type: 'text/csv', data: PROFILE },
    { name: 'Connections.csv', type: 'text/csv', data: connections(list) },
    { name: 'messages.csv', type: 'text/csv', data: messages(list, t) },
    { name: 'Positions.csv', type: 'text/csv', data: POSITIONS },
    { name: 'Education.csv', type: 'text/csv', data: EDUCATION },
  ];
}
