import { ContentError } from '../src/core/errors';
import { loadWith, type Defect, type Doc } from './helpers/load-content-with';

const agency = (docs: { agencies: Doc[] }, id: string): Doc => docs.agencies.find((a) => a.id === id) as Doc;
/** みんなの人権110番's schedule, shared by a YAML alias with こどもの人権110番. */
const jinkenHours = (agencies: Doc[]): Doc => agency({ agencies }, 'jinken').phones[0].schedule;

describe('content files load', () => {
  it('the real flows/ and data/ load cleanly', () => {
    expect(loadWith(() => undefined)).not.toBeInstanceOf(Error);
  });
});

describe('a mistake in flows/ or data/ stops the start, naming the file and the field', () => {
  it.each<[string, Defect | string, string]>([
    ['YAML that does not parse', 'start: [unclosed', 'flows/triage.yaml: line 1'],
    ['a missing start', ({ flow }) => delete flow.start, 'flows/triage.yaml: start:'],
    ['a start that is a result', ({ flow }) => (flow.start = 'talk'), 'flows/triage.yaml: start: "talk" is not a question'],
    ['an unknown next', ({ flow }) => (flow.questions.trouble.options[0].next = 'nowhere'), 'questions.trouble.options[0].next: "nowhere" is neither'],
    ['a label over 20 characters', ({ flow }) => (flow.questions.found.options[1].label = 'あ'.repeat(21)), 'questions.found.options[1].label'],
    ['a question with no options', ({ flow }) => (flow.questions.found.options = []), 'questions.found.options'],
    ['an unknown agency', ({ flow }) => (flow.results.talk.agencies[0].id = 'ghost'), 'results.talk.agencies[0].id: unknown agency "ghost"'],
    ['a duplicate label', ({ flow }) => (flow.questions.trouble.options[1].label = flow.questions.trouble.options[0].label), 'questions.trouble.options[1].label: duplicate'],
    ['an unreachable result', ({ flow }) => (flow.results.orphan = { text: 'x', agencies: [{ id: 'ihaho' }] }), 'results.orphan: cannot be reached'],
    [
      'a result five taps away',
      ({ flow }) => {
        flow.questions.deeper = { text: 'もう一問', options: [{ id: 'go', label: '進む', next: 'delete_expert' }] };
        flow.questions.delete.options[0].next = 'deeper';
        flow.narrowing.vague.deeper = 'delete_expert';
      },
      'results.delete_expert: takes 5 taps',
    ],
    ['a narrowing chip leading nowhere', ({ flow }) => (flow.narrowing.options[0].next = 'nowhere'), 'narrowing.options[0].next: "nowhere" is not a result'],
    ['a narrowing chip over 20 characters', ({ flow }) => (flow.narrowing.options[1].label = 'あ'.repeat(21)), 'narrowing.options[1].label'],
    ['a narrowing override of an unknown chip', ({ flow }) => (flow.narrowing.results.talk = { hug: 'talk' }), 'narrowing.results.talk.hug: not a chip'],
    ['a narrowing override to a question', ({ flow }) => (flow.narrowing.results.talk = { delete: 'delete' }), 'narrowing.results.talk.delete: "delete" is not a result'],
    ['a question with no result for vague text', ({ flow }) => delete flow.narrowing.vague.found, 'narrowing.vague: no result for the question "found"'],
    ['more narrowing chips than the quick replies hold', ({ flow }) => flow.narrowing.options.push(...flow.narrowing.options.map((o: Doc) => ({ ...o, id: `${o.id}_2` }))), 'narrowing.options: Too big'],
    ['an unknown field', ({ flow }) => (flow.questions.found.colour = 'red'), 'questions.found: Unrecognized key'],
    ['a missing chat message', ({ flow }) => delete flow.messages.fallback, 'messages.fallback'],
    ['an agency without a name', ({ agencies }) => delete agency({ agencies }, 'ihaho').name, 'data/agencies.yaml: [5].name'],
    ['a tel that does not match the number', ({ agencies }) => (agency({ agencies }, 'houterasu').phones[0].tel = 'tel:0570078375'), '[1].phones[0].tel: must be tel:0570078374'],
    ['a 0570 number not marked paid', ({ agencies }) => (agency({ agencies }, 'jinken').phones[0].cost = 'free'), '[6].phones[0].cost: a 0570 number'],
    ['an http web site', ({ agencies }) => (agency({ agencies }, 'safeline').links[0].url = 'http://www.safe-line.jp/'), '[8].links[0].url'],
    ['a source that is not a public page', ({ agencies }) => (agency({ agencies }, 'ihaho').source = '../notes/agencies.md'), '[5].source: must start with the public https://'],
    ['a crisis line sourced from a local file', ({ crisis }) => (crisis.lines[1].source = '../notes/agencies.md'), 'data/crisis.yaml: lines[1].source'],
    ['an evidence step with no public source', ({ evidence }) => (evidence.steps[0].source = 'a leaflet'), 'data/evidence.yaml: steps[0].source'],
    ['a service page that is not https', ({ platforms }) => (platforms.services[0].url = 'http://help.x.com/'), 'data/platforms.yaml: services[0].url'],
    ['a service with no verifiedAt', ({ platforms }) => delete platforms.services[1].verifiedAt, 'data/platforms.yaml: services[1].verifiedAt'],
    [
      'a redirect to an option that does not exist',
      ({ flow }) => (flow.results.report_illegal.redirect.option = 'nowhere'),
      'results.report_illegal.redirect: question "situation" has no option "nowhere"',
    ],
    ['an unknown glance value', ({ agencies }) => (agency({ agencies }, 'ihaho').glance.acts = 'deletes_everything'), '[5].glance.acts'],
    [
      'a window shown for a case it turns away',
      ({ flow }) => flow.results.delete_all.agencies.push({ id: 'internet_hotline_center' }),
      'flows/triage.yaml: results.delete_all.agencies[4]: "internet_hotline_center" does not take defamation, privacy',
    ],
    ['an unknown channel', ({ agencies }) => agency({ agencies }, 'ipa').channels.push('fax'), '[10].channels[2]'],
    ['a missing verifiedAt', ({ agencies }) => delete agency({ agencies }, 'lawyer').verifiedAt, '[2].verifiedAt'],
    ['a duplicate agency id', ({ agencies }) => (agency({ agencies }, 'ipa').id = 'ihaho'), '[10].id: duplicate id "ihaho"'],
    ['a crisis line with no phone or url', ({ crisis }) => { delete crisis.lines[4].url; }, 'data/crisis.yaml: lines[4]: a crisis hotline needs a phone or a url'],
    ['a crisis number with a wrong tel', ({ crisis }) => (crisis.lines[1].phones[0].tel = 'tel:0120279339'), 'lines[1].phones[0].tel'],
    ['no crisis words', ({ crisis }) => (crisis.words = []), 'data/crisis.yaml: words'],
    ['a crisis word that is only punctuation', ({ crisis }) => crisis.words.push('。。'), 'data/crisis.yaml: words['],
    ['a phrase both crisis and not', ({ crisis }) => crisis.notCrisis.push('シニタイ'), 'data/crisis.yaml: notCrisis['],
    ['an understanding entry naming an unknown result', ({ understanding }) => (understanding.situations[0].result = 'nowhere'), 'flows/understanding.yaml: situations[0] (delete_post): result "nowhere"'],
    ['an unknown option', ({ understanding }) => (understanding.situations.find((e: Doc) => e.option).option = 'situation.nowhere'), 'option "situation.nowhere" is not an option'],
    ['a guess that is not an option of its question', ({ understanding }) => (understanding.situations.find((e: Doc) => e.question).guess = 'talk'), 'has no option "talk"'],
    ['an unknown ifWrong question', ({ understanding }) => (understanding.situations[0].ifWrong = 'nowhere'), 'situations[0] (delete_post): ifWrong "nowhere"'],
    ['an empty phrase', ({ understanding }) => understanding.threat[0].phrases.push('！？'), 'threat[0] (threatened).phrases['],
    ['no phrases', ({ understanding }) => (understanding.situations[0].phrases = []), 'flows/understanding.yaml: situations[0]'],
    [
      'a phrase that points two ways (in another spelling)',
      ({ understanding }) => understanding.situations.find((e: Doc) => e.id === 'damages').phrases.push('さくじょしたい'),
      'situations.damages: the phrase 「削除したい」 also points elsewhere, in situations.delete_post',
    ],
    ['a phrase that is a crisis word', ({ understanding }) => understanding.situations[0].phrases.push('しにたい'), 'is a crisis word'],
    ['a navigation word that is empty once normalised', ({ understanding }) => understanding.navigation.back.push('…'), 'flows/understanding.yaml: navigation.back['],
    ['a ちがう label over 20 characters', ({ understanding }) => (understanding.messages.wrong = 'あ'.repeat(21)), 'flows/understanding.yaml: messages.wrong'],
    ['an unknown day name', ({ agencies }) => (jinkenHours(agencies).weekly[0].days[4] = 'fry'), '[6].phones[0].schedule.weekly[0].days[4]: unknown day "fry" (use sun, mon'],
    ['a time that is not a time', ({ agencies }) => (jinkenHours(agencies).weekly[0].close = '17:75'), '[6].phones[0].schedule.weekly[0].close: a time like "08:30"'],
    ['a time YAML read as a number', ({ agencies }) => (jinkenHours(agencies).weekly[0].open = 830), 'schedule.weekly[0].open: a time in quotes'],
    [
      'weekly hours that overlap',
      ({ agencies }) => jinkenHours(agencies).weekly.push({ days: ['fri'], open: '17:00', close: '19:00' }),
      '[6].phones[0].schedule.weekly[1].days: fri overlaps weekly[0] (fri)',
    ],
    [
      'overnight hours that run into the next listed day',
      ({ agencies }) => jinkenHours(agencies).weekly.push({ days: ['sun'], open: '22:00', close: '09:00' }),
      '[6].phones[0].schedule.weekly[1].days: sun overlaps weekly[0] (mon)',
    ],
    ['a day listed twice', ({ agencies }) => jinkenHours(agencies).weekly[0].days.push('mon'), 'schedule.weekly[0].days: "mon" is listed twice'],
    ['hours without a holiday rule', ({ agencies }) => delete jinkenHours(agencies).publicHolidays, 'schedule.publicHolidays: say whether'],
    ['a schedule with no hours', ({ agencies }) => (jinkenHours(agencies).weekly = []), 'schedule.weekly: weekly or monthly hours'],
    [
      '24 hours with hours as well',
      ({ crisis }) => (crisis.lines[1].phones[0].schedule.weekly = [{ days: ['mon'], open: '09:00', close: '17:00' }]),
      'data/crisis.yaml: lines[1].phones[0].schedule.always: always: true takes no other hours',
    ],
    ['24:00 as an opening time', ({ agencies }) => (jinkenHours(agencies).weekly[0].open = '24:00'), 'schedule.weekly[0].open: 24:00 is not an opening time'],
    [
      'monthly hours opening at 24:00',
      ({ agencies }) => (jinkenHours(agencies).monthly = [{ dayOfMonth: 'last', open: '24:00', close: '08:00' }]),
      'schedule.monthly[0].open: 24:00 is not an opening time',
    ],
    [
      'monthly hours by weekday without its place in the month',
      ({ agencies }) => (jinkenHours(agencies).monthly = [{ weekday: 'tue', open: '09:00', close: '12:00' }]),
      'schedule.monthly[0].nth: nth and weekday go together',
    ],
    [
      'monthly hours by date and by weekday at once',
      ({ agencies }) => (jinkenHours(agencies).monthly = [{ dayOfMonth: 10, nth: 2, weekday: 'tue', open: '09:00', close: '12:00' }]),
      'schedule.monthly[0].dayOfMonth: either dayOfMonth, or nth with weekday, not both',
    ],
    [
      'a special period that ends before it starts',
      ({ agencies }) =>
        (jinkenHours(agencies).special = [{ from: '2027-09-17T08:00', to: '2027-09-10T08:00', source: 'https://example.org/', verifiedAt: '2026-12-05' }]),
      'schedule.special[0].to: must be after from',
    ],
    [
      'a special period on a day that does not exist',
      ({ agencies }) =>
        (jinkenHours(agencies).special = [{ from: '2027-02-29T08:00', to: '2027-03-07T08:00', source: 'https://example.org/', verifiedAt: '2026-12-05' }]),
      'schedule.special[0].from: no such date: 2027-02-29T08:00',
    ],
    ['a yearly special period with none listed', ({ agencies }) => (jinkenHours(agencies).specialRepeatsYearly = true), 'schedule.specialRepeatsYearly: needs at least one special period'],
    ['a New Year break on a day that does not exist', ({ agencies }) => (jinkenHours(agencies).newYearBreak.to = '02-30'), 'newYearBreak.to: no such day'],
    ['a schedule without a public source', ({ crisis }) => (crisis.lines[2].phones[0].schedule.source = '../notes/agencies.md'), 'data/crisis.yaml: lines[2].phones[0].schedule.source: a public https URL'],
    ['a web form on a window without one', ({ agencies }) => (agency({ agencies }, 'ihaho').channels = ['phone']), '[5].webForm: needs web_form'],
    ['an hours template with an unknown placeholder', ({ hours }) => (hours.open = '受付中（{untill}まで）'), 'open: unknown placeholder {untill}'],
    ['an hours template missing its placeholder', ({ hours }) => (hours.closed = '受付時間外'), 'data/hours.yaml: closed: needs {next}'],
    ['six weekday names', ({ hours }) => hours.weekdays.pop(), 'data/hours.yaml: weekdays'],
  ])('%s', (_name, defect, expected) => {
    const error = loadWith(defect);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).message).toContain(expected);
  });
});
