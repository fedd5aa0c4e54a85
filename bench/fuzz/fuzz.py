#!/usr/bin/env python3
"""Noaber API fuzzer: throws malformed, extreme and out-of-turn requests at a running Noaber server that holds
the demo data (started with -Dmicronaut.environments=demo), and records every answer that looks like a bug.

What it sends (sections, chosen by MODE):
  ops      every operation of the OpenAPI document, as each of the roles none / resident / makelaar /
           coordinator: a valid request, then each body property missing, of every JSON type, odd strings
           (NUL, control characters, lone surrogates, 10k characters, ...), extreme numbers (2^63, 1e999999999,
           NaN, ...), odd dates and coordinates; broken bodies (truncated, nested 20,000 deep, 2 MB, wrong
           content types, invalid UTF-8); odd path ids and query values; other methods. The neighbourhood
           import gets GeoJSON variants (off the globe, round the world, 100,000+ points, another
           municipality's code, ...), the address-point import CSV variants.
  headers  forged and broken tokens on a set of paths, every method on them, odd and huge headers.
  seq      every match action in every match state by every actor, twice, and races between actions
           (proposals, accept/withdraw, complete/cancel/block, suspend/erase while acting).
  fixes    the fuzzer's earlier findings, now fixed, checked for their expected answers.
  all      all of these (the default).

A finding is an answer with status >= 500 (599: no answer within the timeout), a 4xx that is not
application/problem+json, an error body over 64 KB, a body that names internals (Java classes, SQL,
stack frames), an answer slower than --slow seconds, or (fixes, imports) an unexpected status.
Findings go to WORK/findings.jsonl (one JSON object a line) and are summarised at the end, with the
server log's distinct ERROR entries when --server-log is given. Known findings (fuzzlib.KNOWN) are listed
but do not fail the run. Exit code: 0 without findings, 1 with findings, 2 when the run itself broke.

Usage: python3 fuzz.py [ops|headers|seq|fixes|all] [--only SUBSTRING] [--roles none,resident,...]
                       [--base-url URL] [--openapi FILE_OR_URL] [--work DIR] [--server-log FILE] [--slow S]
Defaults from the environment: FUZZ_BASE_URL (else http://127.0.0.1:$NOABER_PORT, port 8099),
FUZZ_OPENAPI (else the server's own /swagger/noaber-api.yml), FUZZ_WORK (else ./fuzz-work),
FUZZ_SERVER_LOG.
"""
import argparse, copy, datetime as dt, json, os, random, sys, time, uuid
from fuzzlib import *

ROLES_ALL = ['none', 'resident', 'makelaar', 'coordinator']
MODES = ['ops', 'headers', 'seq', 'fixes']


def parse_args(argv):
    ap = argparse.ArgumentParser(description='Noaber API fuzzer (see the module docstring)')
    ap.add_argument('mode', nargs='?', default='all', choices=MODES + ['all'])
    ap.add_argument('--only', help='only operations whose "METHOD /path" contains this')
    ap.add_argument('--roles', default=','.join(ROLES_ALL), help='comma-separated, of ' + ','.join(ROLES_ALL))
    ap.add_argument('--base-url', default=os.environ.get('FUZZ_BASE_URL')
                    or f'http://127.0.0.1:{os.environ.get("NOABER_PORT", "8099")}')
    ap.add_argument('--openapi', default=os.environ.get('FUZZ_OPENAPI'),
                    help='the OpenAPI file or URL (YAML or JSON); default BASE_URL/swagger/noaber-api.yml')
    ap.add_argument('--work', default=os.environ.get('FUZZ_WORK', 'fuzz-work'), help='where findings.jsonl goes')
    ap.add_argument('--server-log', default=os.environ.get('FUZZ_SERVER_LOG'), help="the server's log, for the summary")
    ap.add_argument('--slow', type=float, default=float(os.environ.get('FUZZ_SLOW_SECONDS', '10')),
                    help='an answer slower than this many seconds is a finding (default 10)')
    a = ap.parse_args(argv)
    a.roles = [r for r in a.roles.split(',') if r]
    bad = set(a.roles) - set(ROLES_ALL)
    if bad:
        ap.error(f'unknown roles {sorted(bad)}')
    return a


ARGS = parse_args(sys.argv[1:])
configure(ARGS.base_url, ARGS.work, ARGS.slow)
API = load_openapi(ARGS.openapi or ARGS.base_url.rstrip('/') + '/swagger/noaber-api.yml')
SCHEMAS = API['components']['schemas']
MODE, ONLY, ROLES = ARGS.mode, ARGS.only, ARGS.roles

NOW = dt.datetime.now(dt.timezone.utc)
def iso(d): return d.strftime('%Y-%m-%dT%H:%M:%SZ')
LONG = 'x' * 10000


# ---------------------------------------------------------------- world ----
# The demo environment's logins (README.md); staff log in with these TOTP secrets.
DEMO = {'resident': ('demo.bewoner@noaber.nl', None), 'resident2': ('henk.dehaas@demo.noaber.nl', None),
        'makelaar': ('demo.makelaar@noaber.nl', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'),
        'coordinator': ('demo.coordinator@noaber.nl', 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD')}


class World:
    """The demo city as the fuzzer sees it: sessions of the four demo users (resident and resident2 are two
    residents who make matches with each other), and ids of existing things to aim requests at."""

    def __init__(self):
        self.s = {role: Session(email, secret=secret) for role, (email, secret) in DEMO.items()}
        r = self.s['resident']
        self.pid = {}
        self.pair_match = None  # the latest match between resident and resident2 (unblock works on any of theirs)
        prof = call('GET', '/api/me/profile', r.token).json()
        self.profile = prof
        self.pid['resident'] = prof['id']
        self.pid['resident2'] = call('GET', '/api/me/profile', self.s['resident2'].token).json()['id']
        near = call('GET', '/api/requests/nearby?limit=50', r.token).json()['items']
        self.other_requests = [x['id'] for x in near]
        self.other_offers = [x['id'] for x in call('GET', '/api/offers/nearby?limit=50', r.token).json()['items']]
        self.categories = [c['code'] for c in call('GET', '/api/categories').json()]
        self.neighbourhoods = [n['id'] for n in call('GET', '/api/neighbourhoods', r.token).json()]
        self.own_requests = [x['id'] for x in call('GET', '/api/me/requests?limit=100', r.token).json()['items']]
        self.own_offers = [x['id'] for x in call('GET', '/api/me/offers?limit=100', r.token).json()['items']]
        self.staff_accounts = [a['id'] for a in call('GET', '/api/accounts', self.s['coordinator'].token).json()]

    def tok(self, role):
        return None if role == 'none' else self.s[role].token

    def register(self, tag='t'):
        """A new resident with a home in Haarlem: (session, participant id)."""
        email = f'fuzz-{tag}-{uuid.uuid4().hex[:8]}@example.org'
        r = call('POST', '/api/register', body={'email': email, 'password': 'Fuzz-Pass-Word-2026!', 'displayName': 'Fuzz ' + tag,
                                               'preferredLanguage': 'en'})
        d = r.json()
        s = Session(email, 'Fuzz-Pass-Word-2026!')
        call('PUT', '/api/me/home', s.token, body={'lat': 52.3781, 'lon': 4.6594})
        return s, d['participantId']

    def new_listing(self, kind='requests', owner='resident', recurring=False):
        b = listing_body(recurring)
        r = call('POST', f'/api/{kind}', self.tok(owner), body=b)
        if r.status not in (200, 201):
            print('setup: could not create listing', r)
            return 999999
        return r.json()['id']

    def staff_target(self):
        email = f'fuzz-staff-{uuid.uuid4().hex[:8]}@example.org'
        r = call('POST', '/api/accounts', self.tok('coordinator'), body={'email': email, 'password': 'Fuzz-Staff-Pass-2026!', 'role': 'MAKELAAR'})
        return (r.json() or {}).get('id', 999999)


def listing_body(recurring=False):
    """A valid request or offer: a one-off in three days, or weekly on Tuesday mornings, in Haarlem."""
    start = NOW + dt.timedelta(days=3)
    if recurring:
        sched = {'type': 'RECURRING', 'frequency': 'WEEKLY', 'days': ['TUE'], 'partsOfDay': ['MORNING'],
                 'startsOn': (NOW + dt.timedelta(days=1)).strftime('%Y-%m-%d'), 'endsOn': (NOW + dt.timedelta(days=90)).strftime('%Y-%m-%d')}
    else:
        sched = {'type': 'ONE_OFF', 'startsAt': iso(start), 'endsAt': iso(start + dt.timedelta(hours=2))}
    return {'category': 'GARDEN', 'title': 'Fuzz listing', 'description': 'made by the fuzzer', 'schedule': sched,
            'place': {'lat': 52.3781, 'lon': 4.6594}}


# ---------------------------------------------------------------- values ---
STR_VALUES = [('emptystr', ''), ('space', ' '), ('long10k', LONG), ('nul', 'a\u0000b'), ('ctrl', 'a\u0001\u001b[31mb'),
              ('del', 'a\u007fb'), ('emoji', '😀👍🏽' * 20), ('rtl', '\u202eevil\u202c'), ('zwsp', '\u200b'),
              ('sqlq', "x' OR '1'='1"), ('pct', '%s%n%00'), ('html', '<script>alert(1)</script>'),
              ('nbsp', '\u00a0'), ('bom', '\ufeffx'), ('newline', 'a\nb\r\nc\t'), ('backslash', '\\'), ('c1ctrl', 'a\u0085\u009bb'),
              ('linesep', 'a\u2028b')]
TYPE_VALUES = [('t_str', 'str'), ('t_int', 7), ('t_float', 1.5), ('t_true', True), ('t_false', False), ('t_array', []),
               ('t_array1', ['x']), ('t_object', {}), ('t_object1', {'a': 1}), ('t_null', None)]
NUM_VALUES = [('zero', 0), ('neg1', -1), ('int_max', 2 ** 31 - 1), ('int_over', 2 ** 31), ('long_max', 2 ** 63 - 1),
              ('long_over', 2 ** 63), ('long_min_under', -2 ** 63 - 1), ('huge', 10 ** 40), ('frac', 12.7), ('whole_float', 12.0),
              ('tiny', 1e-300), ('negzero', -0.0), ('nan_str', 'NaN'), ('inf_str', 'Infinity'), ('numstr', '12'),
              ('neg_big', -10 ** 40), ('exp', 1e5)]
RAW_NUM = [('raw_1e309', '1e309'), ('raw_-1e309', '-1e309'), ('raw_NaN', 'NaN'), ('raw_Infinity', 'Infinity'),
           ('raw_-Infinity', '-Infinity'), ('raw_bigdigits', '9' * 5000), ('raw_bigexp', '1e999999999'), ('raw_hex', '0x10'),
           ('raw_leading0', '007'), ('raw_plus', '+5'), ('raw_dot', '.5'), ('raw_1e-400', '1e-400'), ('raw_bigexp_neg', '1e-2147483648'),
           ('raw_1e2147483648', '1e2147483648'), ('raw_bigexp7', '1e9999999'), ('raw_-bigexp', '-1e999999999')]
DATETIMES = [('dt_year0', '0000-01-01T00:00:00Z'), ('dt_9999', '9999-12-31T23:59:59Z'), ('dt_plus10000', '+10000-01-01T00:00:00Z'),
             ('dt_neg', '-000001-01-01T00:00:00Z'), ('dt_maxinstant', '+1000000000-12-31T23:59:59.999999999Z'),
             ('dt_minyear', '-1000000000-01-01T00:00:00Z'), ('dt_feb30', '2026-02-30T10:00:00Z'), ('dt_hour25', '2026-06-01T25:00:00Z'),
             ('dt_off18', '2027-06-01T10:00:00+18:00'), ('dt_off_m18', '2027-06-01T10:00:00-18:00'), ('dt_off25', '2027-06-01T10:00:00+25:00'),
             ('dt_nooff', '2027-06-01T10:00:00'), ('dt_dateonly', '2027-06-01'), ('dt_epoch', '1970-01-01T00:00:00Z'),
             ('dt_nanos', '2027-06-01T10:00:00.123456789Z'), ('dt_zone', '2027-06-01T10:00:00+01:00[Europe/Amsterdam]'),
             ('dt_leap', '2026-12-31T23:59:60Z'), ('dt_num', 1700000000), ('dt_numbig', 10 ** 20), ('dt_lower', '2027-06-01t10:00:00z'),
             ('dt_space', '2027-06-01 10:00:00Z'), ('dt_1900', '1900-01-01T00:00:00Z'), ('dt_4713bc', '-4713-11-24T00:00:00Z'),
             ('dt_294277', '+294277-01-01T00:00:00Z'), ('dt_294276', '+294276-12-31T23:59:59Z'), ('dt_year5874897', '+5874897-12-31T00:00:00Z')]
DATES = [('d_year0', '0000-01-01'), ('d_9999', '9999-12-31'), ('d_plus10000', '+10000-01-01'), ('d_neg', '-000001-01-01'),
         ('d_max', '+999999999-12-31'), ('d_min', '-999999999-01-01'), ('d_feb30', '2026-02-30'), ('d_compact', '20270601'),
         ('d_datetime', '2027-06-01T10:00:00Z'), ('d_1900', '1900-01-01'), ('d_4714bc', '-4713-11-23'), ('d_5874898', '+5874898-01-01'),
         ('d_5874897', '+5874897-12-31'), ('d_294277', '+294277-01-01'), ('d_num', 20270601), ('d_epochday', 0)]
COORDS = [('lat91', 91), ('lat-91', -91), ('lon181', 181), ('lon-181', -181), ('pole', 90), ('spole', -90), ('anti', 180),
          ('anti-', -180), ('zero', 0), ('huge', 1e308), ('tiny', 5e-324), ('nan_str', 'NaN'), ('frac', 52.123456789012345)]
# Strings that a Python object cannot carry into JSON, sent as raw JSON text (as RAW_NUM for numbers).
RAW_STR = [('lone_surrogate_raw', '"\\ud800x"')]
INTS_QUERY = ['abc', '', '-1', '0', '1', '101', '100', '2147483648', '9223372036854775808', '1e309', 'NaN', '1.5', '12.0',
              ' 5', '%00', '٣', '0x10', '+5', '-0', '9' * 400]


def set_path(obj, path, value):
    o = obj
    for k in path[:-1]:
        o = o[k]
    o[path[-1]] = value


def del_path(obj, path):
    o = obj
    for k in path[:-1]:
        o = o[k]
    o.pop(path[-1], None)


def with_value(valid, path, value):
    """A copy of the valid body with value at path, or None when the body has no such place."""
    v = copy.deepcopy(valid)
    try:
        set_path(v, path, value)
    except (KeyError, IndexError, TypeError):
        return None
    return v


def with_raw(valid, path, text):
    """The valid body as JSON text with raw JSON `text` at path, or None when the body has no such place."""
    v = with_value(valid, path, '@@RAW@@')
    return None if v is None else json.dumps(v).replace('"@@RAW@@"', text)


def resolve(schema):
    """The schema with $ref followed and allOf merged."""
    if not schema:
        return {}
    if '$ref' in schema:
        return resolve(SCHEMAS[schema['$ref'].split('/')[-1]])
    if 'allOf' in schema:
        s = dict(schema)
        for sub in schema['allOf']:
            s.update(resolve(sub))
        s.pop('allOf')
        return s
    return schema


def leaf_paths(value, schema, prefix=()):
    """(path, schema) of every property in the valid body and of declared but absent ones."""
    schema = resolve(schema)
    out = []
    props = schema.get('properties', {})
    keys = list(props) + [k for k in (value or {}) if k not in props] if isinstance(value, dict) else list(props)
    for k in keys:
        sub = resolve(props.get(k, {}))
        out.append((prefix + (k,), sub))
        if isinstance(value, dict) and isinstance(value.get(k), dict) and sub.get('properties'):
            out.extend(leaf_paths(value[k], sub, prefix + (k,)))
        if isinstance(value, dict) and isinstance(value.get(k), list) and value[k]:
            out.append((prefix + (k, 0), resolve(sub.get('items', {}))))
    return out


def body_mutations(valid, schema):
    """Yield (name, kind, payload): kind 'json' (a Python object), 'raw' (text), 'rawbytes' or 'ctype:<type>'."""
    yield 'valid', 'json', valid
    for path, sub in leaf_paths(valid, schema):
        name = '.'.join(map(str, path))
        exists = True
        try:
            o = valid
            for k in path:
                o = o[k]
        except (KeyError, IndexError, TypeError):
            exists = False
        if isinstance(valid, dict) and exists:
            if not isinstance(path[-1], int):
                v = copy.deepcopy(valid); del_path(v, path); yield f'{name}:missing', 'json', v
        t = sub.get('type')
        fmt = sub.get('format')
        values, raws = list(TYPE_VALUES), []
        if t in ('string', None) or 'enum' in sub:
            values += STR_VALUES
            raws += RAW_STR
        if t in ('integer', 'number'):
            values += NUM_VALUES
        if fmt == 'date-time':
            values += DATETIMES
        if fmt == 'date':
            values += DATES
        if path[-1] in ('lat', 'lon'):
            values += COORDS
        if t == 'array':
            values += [('arr_nulls', [None]), ('arr_long', ['x'] * 10000), ('arr_long_nulls', [None] * 10000), ('arr_dups', ['MON', 'MON', 'MON']),
                       ('arr_strlong', [LONG]), ('arr_nested', [[1]]), ('arr_nul', ['a\u0000']), ('arr_empty_str', [''])]
        if t in ('integer', 'number') or path[-1] in ('lat', 'lon'):
            raws += RAW_NUM
        for vname, val in values:
            v = with_value(valid, path, val)
            if v is not None:
                yield f'{name}={vname}', 'json', v
        for vname, text in raws:
            body = with_raw(valid, path, text)
            if body is not None:
                yield f'{name}={vname}', 'raw', body
    # whole-body mutations
    text = json.dumps(valid)
    yield 'extra_prop', 'json', dict(valid, zzzUnknown=1) if isinstance(valid, dict) else valid
    yield 'extra_prop_long', 'json', dict(valid, **{'p' * 5000: 1}) if isinstance(valid, dict) else valid
    yield 'extra_prop_nul', 'json', dict(valid, **{'a\u0000b': 1}) if isinstance(valid, dict) else valid
    if isinstance(valid, dict) and valid:
        k0 = next(iter(valid))
        yield 'dup_key', 'raw', '{' + json.dumps(k0) + ':' + json.dumps(valid[k0]) + ',' + text[1:]
        yield 'dup_key_other_type', 'raw', '{' + json.dumps(k0) + ':[1,2],' + text[1:]
    yield 'empty_object', 'json', {}
    yield 'array_instead', 'json', [valid]
    yield 'empty_array', 'json', []
    yield 'null_body', 'raw', 'null'
    yield 'string_body', 'raw', '"hello"'
    yield 'number_body', 'raw', '42'
    yield 'true_body', 'raw', 'true'
    yield 'empty_body', 'raw', ''
    yield 'whitespace_body', 'raw', '   \n'
    yield 'truncated', 'raw', text[:max(1, len(text) // 2)]
    yield 'truncated_1', 'raw', text[:-1]
    yield 'trailing_garbage', 'raw', text + 'xyz'
    yield 'two_values', 'raw', text + text
    yield 'comment', 'raw', '/* c */' + text
    yield 'single_quotes', 'raw', text.replace('"', "'")
    yield 'bom', 'raw', '\ufeff' + text
    yield 'deep_nest', 'raw', '[' * 20000 + ']' * 20000
    yield 'deep_nest_obj', 'raw', '{"a":' * 5000 + '1' + '}' * 5000
    yield 'deep_nest_field', 'raw', text[:-1] + (',"zz":' if valid else '"zz":') + '[' * 3000 + ']' * 3000 + '}' if text.endswith('}') else text
    yield 'invalid_utf8', 'rawbytes', text.encode()[:-1] + b'\xff\xfe"}'
    yield 'nul_byte', 'rawbytes', b'\x00' + text.encode()
    yield 'utf16', 'rawbytes', text.encode('utf-16')
    yield 'big_body_2mb', 'raw', (text[:-1] + ',"pad":"' + 'y' * 2_000_000 + '"}') if text.endswith('}') and len(text) > 2 else text
    yield 'ctype_text', 'ctype:text/plain', text
    yield 'ctype_none', 'ctype:', text
    yield 'ctype_xml', 'ctype:application/xml', '<a/>'
    yield 'ctype_form', 'ctype:application/x-www-form-urlencoded', 'a=1&b=2'
    yield 'ctype_multipart', 'ctype:multipart/form-data; boundary=xx', '--xx\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xx--\r\n'
    yield 'ctype_json_latin1', 'ctype:application/json; charset=ISO-8859-1', text
    yield 'ctype_json_bogus_charset', 'ctype:application/json; charset=bogus-77', text
    yield 'ctype_garbage', 'ctype:!!!/???', text
    yield 'ctype_csv', 'ctype:text/csv', text


def path_values():
    """Odd values for a path id."""
    return [('id0', '0'), ('id-1', '-1'), ('id2^63', str(2 ** 63)), ('id2^63-1', str(2 ** 63 - 1)), ('idabc', 'abc'),
            ('idlong', '1' * 1000), ('idfloat', '1.5'), ('idexp', '1e3'), ('idarabic', '٩٩٩'), ('idplus', '+999'),
            ('idspace', '%20999'), ('idnul', '%00'), ('idneg0', '-0'), ('idhex', '0x10'), ('idempty', ''), ('idpct', '%25'),
            ('iddot', '..'), ('idunicode', '%F0%9F%98%80'), ('idbadpct', '%zz'), ('idovl', '%C0%AE')]


# ---------------------------------------------------------------- ops ------
PROFILE_FIELDS = ('displayName', 'skills', 'languages', 'availability', 'travelRadiusMetres', 'phone', 'contactChannels',
                  'preferredLanguage', 'capacity')


def profile_update(profile):
    """The fields of a profile as GET /api/me/profile gives them that PUT takes back."""
    return {k: profile[k] for k in PROFILE_FIELDS if k in profile}


def valid_body(W, schema_name, op, role):
    """A valid body of this schema for this role (the starting point of the mutations)."""
    p = W.profile
    if schema_name == 'ListingInput':
        return listing_body(recurring=random.random() < 0.3)
    return {
        'AccountController.CreateStaffRequest': lambda: {'email': f'fuzz-s-{uuid.uuid4().hex[:8]}@example.org',
                                                         'password': 'Fuzz-Staff-Pass-2026!', 'role': 'MAKELAAR'},
        'AuthController.LoginRequest': lambda: {'email': W.login_email, 'password': 'Fuzz-Pass-Word-2026!'},
        'AuthController.RefreshRequest': lambda: {'refreshToken': 'not-a-real-refresh-token'},
        'AuthController.SecondFactorRequest': lambda: {'mfaToken': 'not-a-real-mfa-token', 'code': '123456'},
        'MatchInput.Propose': lambda: ({'requestId': W.other_requests[0], 'note': 'I can help'} if role in ('resident', 'none')
                                       else {'requestId': W.other_requests[1], 'helperId': W.pid['resident2'], 'note': 'n',
                                             'explanation': 'e'}),
        'MatchInput.Cancel': lambda: {'reason': 'fuzz cancel'} if role == 'resident' else {'reason': 'fuzz', 'onBehalfOf': 'HELPER'},
        'MatchInput.Reason': lambda: {'reason': 'fuzz reason'},
        'MatchInput.Feedback': lambda: {'text': 'fuzz feedback ' + uuid.uuid4().hex},
        'MatchInput.Report': lambda: {'text': 'fuzz report ' + uuid.uuid4().hex},
        'MatchInput.Thanks': lambda: {'message': 'thanks ' + uuid.uuid4().hex},
        'MatchInput.Occurrence': lambda: {'date': W.today, 'note': 'helped'},
        'ProfileController.EraseRequest': lambda: {'password': 'a-wrong-password-123'},
        'ProfileController.RegisterRequest': lambda: {'email': f'fuzz-r-{uuid.uuid4().hex[:8]}@example.org',
                                                      'password': 'Fuzz-Pass-Word-2026!', 'displayName': 'Fuzz R', 'preferredLanguage': 'nl'},
        'HomeUpdate': lambda: {'postcode': p['home']['postcode'], 'houseNumber': p['home']['houseNumber']} if random.random() < .5
        else {'lat': 52.3781, 'lon': 4.6594},
        'ProfileUpdate': lambda: profile_update(p) | {'phone': '023 511 5115'},
        'StaffLanguageController.Language': lambda: {'language': 'en'},
        'MyNotificationsController.PreferencesUpdate': lambda: {'unsubscribed': ['FOLLOW_UP'], 'nearbyDigest': True},
        'SuspensionController.Suspend': lambda: {'reason': 'fuzz suspension'},
        'MatchingController.SearchRadius': lambda: {'searchRadiusMetres': 1500},
    }[schema_name]()


GEOJSON = {'type': 'FeatureCollection', 'features': [{'type': 'Feature', 'properties': {'statcode': 'WKFUZZ01', 'statnaam': 'Fuzzwijk'},
            'geometry': {'type': 'Polygon', 'coordinates': [[[5.0, 52.0], [5.01, 52.0], [5.01, 52.01], [5.0, 52.01], [5.0, 52.0]]]}}]}


def geojson_mutations():
    """(name, body) of GeoJSON for the neighbourhood import."""
    def fc(geom, props=None):
        g = copy.deepcopy(GEOJSON)
        g['features'][0]['geometry'] = geom
        if props is not None:
            g['features'][0]['properties'] = props
        return json.dumps(g)
    sq = lambda x0, y0, x1, y1: {'type': 'Polygon', 'coordinates': [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}
    yield 'gj_valid', json.dumps(GEOJSON)
    yield 'gj_swapped', fc(sq(52.38, 4.63, 52.39, 4.64))  # [latitude, longitude]: off Somalia
    yield 'gj_out_of_world', fc(sq(200, 100, 201, 101))
    yield 'gj_lat_91', fc(sq(4.6, 90.5, 4.7, 91))
    yield 'gj_lon_181', fc(sq(180.5, 52, 181, 52.1))
    yield 'gj_world', fc(sq(-180, -90, 180, 90))
    yield 'gj_poles', fc(sq(-10, 89, 10, 90))
    yield 'gj_antimeridian', fc(sq(179, 0, 181, 1))
    yield 'gj_huge', fc(sq(-1e308, -1e308, 1e308, 1e308))
    yield 'gj_selfintersect', fc({'type': 'Polygon', 'coordinates': [[[5, 52], [5.01, 52.01], [5.01, 52], [5, 52.01], [5, 52]]]})
    yield 'gj_unclosed', fc({'type': 'Polygon', 'coordinates': [[[5, 52], [5.01, 52.01], [5.01, 52]]]})
    yield 'gj_empty_coords', fc({'type': 'Polygon', 'coordinates': []})
    yield 'gj_empty_ring', fc({'type': 'Polygon', 'coordinates': [[]]})
    yield 'gj_str_coords', fc({'type': 'Polygon', 'coordinates': 'abc'})
    yield 'gj_nan', fc(sq(0, 0, 1, 1)).replace('1.0', 'NaN', 1).replace('[1,', '[NaN,', 1)
    yield 'gj_3d', fc({'type': 'Polygon', 'coordinates': [[[5, 52, 1], [5.01, 52, 1], [5.01, 52.01, 1], [5, 52, 1]]]})
    yield 'gj_no_coords', fc({'type': 'Polygon'})
    yield 'gj_multipoly_empty', fc({'type': 'MultiPolygon', 'coordinates': [[]]})
    yield 'gj_crs', fc({'type': 'Polygon', 'crs': {'type': 'name', 'properties': {'name': 'EPSG:28992'}},
                        'coordinates': [[[100000, 400000], [101000, 400000], [101000, 401000], [100000, 400000]]]})
    yield 'gj_line', fc({'type': 'LineString', 'coordinates': [[0, 0], [1, 1]]})
    yield 'gj_props_num', fc(sq(5, 52, 5.01, 52.01), {'statcode': 12345, 'statnaam': 6789})
    yield 'gj_props_nul', fc(sq(5, 52, 5.01, 52.01), {'statcode': 'A\u0000', 'statnaam': 'B'})
    yield 'gj_props_long', fc(sq(5, 52, 5.01, 52.01), {'statcode': 'C' * 32, 'statnaam': 'N' * 120})
    yield 'gj_props_array', fc(sq(5, 52, 5.01, 52.01), {'statcode': ['a'], 'statnaam': {'x': 1}})
    yield 'gj_props_ws', fc(sq(5, 52, 5.01, 52.01), {'statcode': '  X ', 'statnaam': ' y '})
    yield 'gj_existing_code', fc(sq(5, 52, 5.01, 52.01), {'statcode': 'WK039201', 'statnaam': 'Oude Stad hijack'})
    yield 'gj_dup_codes', json.dumps({'type': 'FeatureCollection', 'features': [GEOJSON['features'][0], GEOJSON['features'][0]]})
    yield 'gj_feature_null', json.dumps({'type': 'FeatureCollection', 'features': [None]})
    yield 'gj_feature_str', json.dumps({'type': 'FeatureCollection', 'features': ['x']})
    yield 'gj_features_obj', json.dumps({'type': 'FeatureCollection', 'features': {}})
    yield 'gj_notjson', '{"type": "FeatureCollection", "features": [}'
    yield 'gj_bigexp', '{"type": "FeatureCollection", "features": [{"properties":{"statcode":"Q1","statnaam":"q"},"geometry":{"type":"Polygon","coordinates":[[[1e999999999,0],[1,0],[1,1],[1e999999999,0]]]}}]}'
    yield 'gj_many_points', fc({'type': 'Polygon', 'coordinates': [[[5 + i * 1e-6, 52 + (i % 2) * 1e-3] for i in range(50000)] + [[5, 52]]]})
    yield 'gj_geometry_collection', fc({'type': 'GeometryCollection', 'geometries': []})
    yield 'gj_deep', '[' * 20000 + ']' * 20000
    yield 'gj_type_poly_multicoords', fc({'type': 'Polygon', 'coordinates': [[[[5, 52], [5.01, 52], [5.01, 52.01], [5, 52]]]]})
    yield 'gj_holes_outside', fc({'type': 'Polygon', 'coordinates': [[[5, 52], [5.01, 52], [5.01, 52.01], [5, 52.01], [5, 52]],
                                                                    [[6, 53], [6.01, 53], [6.01, 53.01], [6, 53]]]})
    yield 'gj_zero_area', fc({'type': 'Polygon', 'coordinates': [[[5, 52], [5, 52], [5, 52], [5, 52]]]})
    yield 'gj_wide', fc(sq(4.0, 52.0, 5.5, 52.1))  # 1.5 degrees: a region, not a neighbourhood
    yield 'gj_points_100001', fc(ring(100_001))
    yield 'gj_import_250002', json.dumps({'type': 'FeatureCollection', 'features': [
        {'type': 'Feature', 'properties': {'statcode': f'WKFUZZ9{i}', 'statnaam': f'Groot {i}'}, 'geometry': ring(83_334, 5 + i * 0.02)}
        for i in range(3)]})


def ring(points, x0=5.0):
    """A small circular polygon of exactly `points` positions (the last one closes it)."""
    import math
    pts = [[round(x0 + 0.005 * math.cos(2 * math.pi * i / (points - 1)), 7),
            round(52.0 + 0.003 * math.sin(2 * math.pi * i / (points - 1)), 7)] for i in range(points - 1)]
    return {'type': 'Polygon', 'coordinates': [pts + [pts[0]]]}


# What a coordinator's import answers now that these were fixed (found by this fuzzer): anything off the globe or
# outside the Netherlands, wider than a degree or over the point limits is 400; another municipality's code is 409
# code-taken.
GEOJSON_EXPECT = {'gj_valid': {200}, 'gj_existing_code': {409}, **{name: {400} for name in (
    'gj_out_of_world', 'gj_lat_91', 'gj_lon_181', 'gj_world', 'gj_antimeridian', 'gj_huge', 'gj_bigexp', 'gj_wide',
    'gj_points_100001', 'gj_import_250002', 'gj_swapped', 'gj_poles')}}


CSV_HEADER = 'postcode,house_number,addition,lat,lon\n'


def csv_mutations():
    """(name, body) of CSV for the address-point import."""
    yield 'csv_valid', CSV_HEADER + '2033DR,59,,52.378,4.6593\n'
    for name, lat, lon in [('lat91', '91', '4.6'), ('lon181', '52', '181'), ('nan', 'NaN', 'NaN'), ('inf', 'Infinity', '4'),
                           ('huge', '1e309', '4'), ('pole', '90', '180'), ('neg', '-90', '-180'), ('hex', '0x1p3', '4'),
                           ('empty', '', ''), ('words', 'abc', 'def'), ('comma_dec', '52,3', '4')]:
        yield f'csv_{name}', CSV_HEADER + f'2033DR,59,,{lat},{lon}\n'
    yield 'csv_no_header', '2033DR,59,,52.378,4.6593\n'
    yield 'csv_only_header', CSV_HEADER
    yield 'csv_empty', ''
    yield 'csv_bad_postcode', CSV_HEADER + '0000AA,59,,52.3,4.6\nZZZ,1,,52,4\n2033DR,0,,52,4\n2033DR,-1,,52,4\n2033DR,99999999999,,52,4\n'
    yield 'csv_long_addition', CSV_HEADER + '2033DR,59,' + 'A' * 10000 + ',52.3,4.6\n'
    yield 'csv_nul', CSV_HEADER + '2033DR,59,\u0000,52.3,4.6\n'
    yield 'csv_quotes', CSV_HEADER + '"2033DR","59","A","52.3","4.6"\n"2033"DR",59,,52,4\n'
    yield 'csv_unterminated_quote', CSV_HEADER + '"2033DR,59,,52.3,4.6\n'
    yield 'csv_extra_cols', CSV_HEADER + '2033DR,59,,52.3,4.6,7,8\n'
    yield 'csv_few_cols', CSV_HEADER + '2033DR,59\n'
    yield 'csv_bom', '\ufeff' + CSV_HEADER + '2033DR,59,,52.378,4.6593\n'
    yield 'csv_crlf', CSV_HEADER.replace('\n', '\r\n') + '2033DR,59,,52.378,4.6593\r\n'
    yield 'csv_dup_rows', CSV_HEADER + '2033DR,59,,52.378,4.6593\n' * 3 + '2033dr,59,,52.378,4.6593\n2033 DR,59,,52.378,4.6593\n'
    yield 'csv_unicode', CSV_HEADER + '2033DR,٥٩,,52.378,4.6593\n2033DR,59,é,52.3,4.6\n'
    yield 'csv_long_line', CSV_HEADER + 'x' * 5_000_000 + '\n'
    yield 'csv_many_errors', CSV_HEADER + 'bad\n' * 1000
    yield 'csv_reordered_header', 'lat,lon,postcode,house_number,addition\n52.3,4.6,2033DR,59,\n'
    yield 'csv_header_case', CSV_HEADER.upper() + '2033DR,59,,52.378,4.6593\n'
    yield 'csv_invalid_utf8', (CSV_HEADER + '2033DR,59,').encode() + b'\xff\xfe' + b',52.3,4.6\n'
    yield 'csv_housenumber_zero_pad', CSV_HEADER + '2033DR,0059,,52.378,4.6593\n'
    yield 'csv_blank_lines', CSV_HEADER + '\n\n2033DR,59,,52.378,4.6593\n\n'
    yield 'csv_only_newlines', '\n\n\n'
    yield 'csv_sep_semicolon', 'postcode;house_number;addition;lat;lon\n2033DR;59;;52.3;4.6\n'


def query_mutations(params):
    """params: list of (name, valid value or None). Yields (name, querystring)."""
    base = {n: v for n, v in params if v is not None}
    def qs(d):
        return '&'.join(f'{k}={v}' for k, v in d.items() for v in (v if isinstance(v, list) else [v]))
    yield 'valid', qs(base)
    yield 'noparams', ''
    for n, v in params:
        vals = list(INTS_QUERY)
        if n in ('lat', 'lon'):
            vals += ['91', '-91', '181', '-181', '90', '-90', '180', '-180', 'Infinity', '-Infinity', '1e308', '4.9e-324', '0']
        if n == 'cursor':
            vals += [b64url(c) for c in ('NaN:1', 'Infinity:1', '-1:1', '1:-1', ':', '1:99999999999999999999', '1e308:1',
                                         '2000-01-01T00:00:00Z/1', '9999-12-31T23:59:59Z/9223372036854775807',
                                         '1999-12-31T23:59:59Z/1', '+10000-01-01T00:00:00Z/1', '/', '2026-01-01T00:00:00Z/-1',
                                         '2026-01-01T00:00:00Z', 'x' * 3000)]
            vals += ['====', 'a', '!!!']
            vals += [b64url(c) for c in ('0.0:0', '5e-324:0', '2026-01-01T00:00:00+01:00/1', '\u00e9:1', '1:1:1',
                                         '2026-01-01T00:00:00Z/1/2')]
        if n in ('role', 'status', 'open', 'category', 'municipality', 'postcode', 'houseNumber', 'name', 'token', 'neighbourhood'):
            vals += ['ACTIVE', 'PROPOSED,ACTIVE', 'active', 'TRUE', 'true', 'false', 'yes', 'DEAD', 'PENDING', 'SENT', 'REQUESTER',
                     'helper', 'GM0392', 'gm0392', 'GM' + '9' * 100, '2033DR', '2033 dr', '2033', '1', '59A', '59-1', '59 bis',
                     'ACTIVE,,', ',', 'ACTIVE,BOGUS', ','.join(['ACTIVE'] * 500), '%F0%9F%98%80', '%E2%80%AE', '%0A', '%01']
        for val in vals:
            d = dict(base)
            d[n] = val
            yield f'{n}={val[:30]}', qs(d)
        d = dict(base); d[n] = [v or '1', 'zz']
        yield f'{n}:repeated', qs(d)
        d = dict(base); d[n] = [v or '1', v or '1']
        yield f'{n}:repeated_same', qs(d)
        d = dict(base); d.pop(n, None)
        yield f'{n}:missing', qs(d)
        d = dict(base); d[n] = 'x' * 10000
        yield f'{n}:long10k', qs(d)
    yield 'unknown_param', qs(dict(base, zzz='1'))


def run_ops(W):
    """Every operation of the OpenAPI document as every role (fuzz_op), state-changing ones last."""
    ops = []
    for p, methods in API['paths'].items():
        for m, o in methods.items():
            ops.append((m.upper(), p, o))
    # state-changing operations run after the read-only and update ones
    # (and handling a task, a report or a notification after the rest of ops made some to handle)
    late = ('withdraw', 'close', 'erase', 'disable', 'logout', 'suspend', 'reset', '/done', '/handled', '/resend')
    order = lambda x: (any(w in x[1] for w in late), x[1])
    ops.sort(key=order)
    W.login_email = W.register('login')[0].email
    for m, p, o in ops:
        opname = f'{m} {p}'
        if ONLY and ONLY not in opname:
            continue
        W.ops_done.add(opname)
        for role in ROLES:
            n = fuzz_op_guarded(W, m, p, o, role)
            W.op_roles += 1
            print(f'{opname:60s} {role:12s} {n:5d} requests; flagged so far {STATS["flagged"]}', flush=True)


def path_params(W, m, p, role):
    """Valid path values for this op and role (fresh targets for destructive ones)."""
    own = role == 'resident'
    vals = {}
    if '{id}' in p:
        if p.startswith('/api/requests/{id}'):
            if any(s in p for s in ('withdraw', 'close')) or (m == 'PUT' and p == '/api/requests/{id}'):
                vals['id'] = W.new_listing('requests')
            elif 'reciprocity' in p:
                vals['id'] = W.own_requests[0] if W.own_requests else W.new_listing('requests')
            else:
                vals['id'] = W.own_requests[0] if own and W.own_requests else W.other_requests[2]
        elif p.startswith('/api/offers/{id}'):
            if any(s in p for s in ('withdraw', 'close')) or m == 'PUT':
                vals['id'] = W.new_listing('offers')
            else:
                vals['id'] = W.other_offers[0]
        elif p.startswith('/api/matches/{id}'):
            vals['id'] = match_for(W, p)
        elif p.startswith('/api/accounts/{id}'):
            vals['id'] = W.staff_target() if m == 'POST' else W.staff_accounts[-1]
        elif p.startswith('/api/participants/{id}'):
            if 'erase' in p or 'suspend' in p or 'reinstate' in p:
                vals['id'] = W.register('target')[1]
            else:
                vals['id'] = W.pid['resident2']
        elif p.startswith('/api/makelaar/tasks'):
            vals['id'] = W.task_id if W.task_id != 999999 else find_targets(W).task_id
        elif p.startswith('/api/match-reports'):
            vals['id'] = W.report_id if W.report_id != 999999 else find_targets(W).report_id
        elif p.startswith('/api/notifications'):
            vals['id'] = W.notification_id if W.notification_id != 999999 else find_targets(W).notification_id
    if '{participantId}' in p:
        vals['participantId'] = W.pid['resident2']
    if '{code}' in p:
        vals['code'] = 'GM9999'
    return vals


def query_params(W, p, o):
    """(name, valid value or None) of the operation's query parameters."""
    out = []
    for prm in o.get('parameters', []):
        if prm['in'] != 'query':
            continue
        n = prm['name']
        v = {'limit': '5', 'lat': '52.38', 'lon': '4.64', 'radius': '3000', 'category': 'GARDEN', 'role': 'helper',
             'status': 'ACTIVE,PROPOSED' if 'me/matches' in p else 'DEAD', 'open': 'true', 'postcode': '2033DR', 'houseNumber': '59',
             'municipality': 'GM0392', 'neighbourhood': str(W.neighbourhoods[0]), 'name': 'Fuzzstad', 'token': 'abc.def',
             'cursor': None}.get(n)
        out.append((n, v))
    return out


def body_args(kind, payload):
    """How call() sends one body mutation (its keyword arguments), and a short description of it."""
    if kind == 'json':
        return {'body': payload}, json.dumps(payload)[:300]
    if kind == 'raw':
        return {'raw': payload}, payload[:300]
    if kind == 'rawbytes':
        return {'raw': payload}, repr(payload[:300])
    if kind.startswith('ctype:'):
        return {'raw': payload, 'ctype': kind[6:]}, f'[{kind}] ' + payload[:200]
    raise ValueError(kind)


def fuzz_op(W, m, p, o, role):
    """All mutations of one operation as one role; returns how many fuzz requests it judged."""
    opname = f'{m} {p}'
    tok = W.tok(role)
    judged = STATS['judged']

    def probe(mutation, desc, method, path, statuses=None, server_errors_only=False, **kw):
        """One fuzz request (call()'s keyword arguments): sent, then judged and counted (expect())."""
        expect(opname, role, mutation, desc, call(method, path, tok, **kw), statuses, server_errors_only)

    pv = path_params(W, m, p, role)
    fill = lambda d: p.format(**d)
    qp = query_params(W, p, o)
    qvalid = '&'.join(f'{k}={v}' for k, v in qp if v is not None)
    base_path = fill(pv) + ('?' + qvalid if qvalid else '')
    content = o.get('requestBody', {}).get('content', {})
    schema_ref = None
    if 'application/json' in content and '$ref' in content['application/json'].get('schema', {}):
        schema_ref = content['application/json']['schema']['$ref'].split('/')[-1]
    # 1. body mutations on the valid path
    if schema_ref:
        valid = valid_body(W, schema_ref, opname, role)
        for name, kind, payload in body_mutations(valid, {'$ref': '#/components/schemas/' + schema_ref}):
            if p == '/api/register' or p == '/api/accounts' and m == 'POST':
                # fresh emails so that mutations do not all meet email-taken
                if kind == 'json' and isinstance(payload, dict) and isinstance(payload.get('email'), str) and payload['email'].startswith('fuzz-'):
                    payload = dict(payload, email=f'fuzz-r-{uuid.uuid4().hex[:8]}@example.org')
            kw, desc = body_args(kind, payload)
            probe(f'body:{name}', f'{m} {base_path} {desc}', m, base_path, **kw)
    elif p == '/api/municipalities/{code}/neighbourhoods':
        for name, payload in geojson_mutations():
            for ct in ('application/json', 'application/geo+json'):
                probe(f'geojson:{name}:{ct}', f'{m} {base_path} [{ct}] {payload[:300]}', m, base_path, raw=payload, ctype=ct,
                      statuses=GEOJSON_EXPECT.get(name) if role == 'coordinator' else None)
        for nm in ['', '%00', 'x' * 81, '%01Haarlem', '%F0%9F%98%80', 'Haarlem&name=Other']:
            path = fill(pv) + '?name=' + nm
            probe(f'query:name={nm[:20]}', f'{m} {path}', m, path, raw=json.dumps(GEOJSON), ctype='application/json')
        for code in ['gm9999', 'G', 'GM' + '9' * 20, '%00', 'GM0392', '..', 'GM%2F1']:
            path = p.format(code=code) + '?name=Fuzzstad'
            probe(f'path:code={code}', f'{m} {path}', m, path, raw=json.dumps(GEOJSON), ctype='application/json')
        probe('ctype_text', f'{m} {base_path} text/plain', m, base_path, raw=json.dumps(GEOJSON), ctype='text/plain')
    elif p == '/api/address-points':
        for name, payload in csv_mutations():
            probe(f'csv:{name}', f'{m} {base_path} [text/csv] {payload[:300]!r}', m, base_path, raw=payload, ctype='text/csv')
        for ct in ('application/json', 'text/plain', ''):
            probe(f'csv:ctype={ct}', f'{m} {base_path} [{ct}]', m, base_path, raw=CSV_HEADER, ctype=ct)
    elif p == '/api/unsubscribe' and m == 'POST':
        for name, payload, ct in [('valid', 'List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded'),
                                  ('empty', '', 'application/x-www-form-urlencoded'), ('json', '{}', 'application/json'),
                                  ('garbage', '%%%', 'application/x-www-form-urlencoded'), ('none', '', ''),
                                  ('long', 'a=' + LONG, 'application/x-www-form-urlencoded')]:
            probe(f'form:{name}', f'{m} {base_path} [{ct}] {payload[:100]}', m, base_path, raw=payload, ctype=ct)
    else:
        probe('valid', f'{m} {base_path}', m, base_path)
        if m in ('POST', 'PUT'):
            for name, kind, payload in [('json_body_unexpected', 'json', {'a': 1}), ('garbage_body', 'raw', '{{{'),
                                        ('array_body', 'json', [1]), ('ctype_xml', 'ctype:application/xml', '<a/>')]:
                kw, desc = body_args(kind, payload)
                probe(f'body:{name}', f'{m} {base_path} {desc}', m, base_path, **kw)
    # 2. path mutations (with a valid body, if any)
    body = valid_body(W, schema_ref, opname, role) if schema_ref else None
    for key in pv:
        for name, val in path_values():
            d = dict(pv)
            d[key] = val
            path = fill(d) + ('?' + qvalid if qvalid else '')
            probe(f'path:{key}:{name}', f'{m} {path} {json.dumps(body)[:200] if body else ""}', m, path, body=body)
    # 3. query mutations
    if qp:
        for name, q in query_mutations(qp):
            path = fill(pv) + ('?' + q if q else '')
            probe(f'query:{name}', f'{m} {path[:300]}', m, path, body=body)
    # 4. method and header oddities
    for name, hdr in [('accept_xml', {'Accept': 'application/xml'}), ('accept_html', {'Accept': 'text/html'}),
                      ('accept_garbage', {'Accept': '!!!'})]:
        probe(f'header:{name}', f'{m} {fill(pv)} {hdr}', m, base_path, body=body, headers=hdr)
    for om in ('DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE'):
        if om.lower() in API['paths'][p]:
            continue
        # a HEAD answer has no body by definition: only a server error is judged
        probe(f'method:{om}', f'{om} {fill(pv)}', om, fill(pv), server_errors_only=om == 'HEAD')
    return STATS['judged'] - judged


# ------------------------------------------------------------ matches ------
def make_match(W, state='PROPOSED', proposer='resident2', recurring=False):
    """A match between resident (requester unless proposer=='resident') and resident2, in the given state."""
    rid = W.new_listing('requests', owner='resident2' if proposer == 'resident' else 'resident', recurring=recurring)
    body = {'requestId': rid, 'helperId': W.pid['resident2']} if proposer == 'makelaar' else {'requestId': rid}
    r = call('POST', '/api/matches', W.tok(proposer), body=body)
    if r.status != 201:
        print('setup: could not propose', r)
        return 999999
    mid = r.json()['id']
    W.pair_match = mid
    decider = 'resident2' if proposer in ('resident', 'makelaar') else 'resident'
    if state in ('ACTIVE', 'COMPLETED', 'CANCELLED_ACTIVE'):
        a = call('POST', f'/api/matches/{mid}/accept', W.tok(decider))
        if a.status == 409 and 'helper-at-capacity' in a.text:
            make_room(W, end_running=True)
            a = call('POST', f'/api/matches/{mid}/accept', W.tok(decider))
        if a.status != 200:
            print('setup: could not accept', a)
    if state == 'COMPLETED':
        call('POST', f'/api/matches/{mid}/complete', W.tok('resident'))
    if state == 'CANCELLED_ACTIVE':
        call('POST', f'/api/matches/{mid}/cancel', W.tok('resident'), body={'reason': 'x'})
    if state == 'DECLINED':
        call('POST', f'/api/matches/{mid}/decline', W.tok(decider), body={})
    if state == 'CANCELLED':
        call('POST', f'/api/matches/{mid}/withdraw', W.tok(proposer), body={})
    return mid


def match_for(W, p):
    """A fresh match in the state the action at path p needs."""
    if p.endswith('/withdraw'):
        return make_match(W, 'PROPOSED', proposer='resident')
    if any(p.endswith(s) for s in ('/complete', '/cancel', '/occurrences', '/thanks', '/feedback')):
        return make_match(W, 'ACTIVE')
    return make_match(W, 'PROPOSED')


def prepare(W):
    """Clear a block left between the two residents, give them room for many matches, and find a report,
    a makelaar task and a notification to aim at."""
    for m in (call('GET', '/api/me/matches?limit=100', W.tok('resident')).json() or {}).get('items', []):
        if W.pid['resident2'] in ((m.get('requester') or {}).get('participantId'), (m.get('helper') or {}).get('participantId')):
            W.pair_match = m['id']
            break
    unblock_all(W)
    make_room(W)
    try:
        from zoneinfo import ZoneInfo
        W.today = dt.datetime.now(ZoneInfo('Europe/Amsterdam')).strftime('%Y-%m-%d')
    except Exception:  # no time zone data: Amsterdam's winter time
        W.today = dt.datetime.now(dt.timezone(dt.timedelta(hours=1))).strftime('%Y-%m-%d')
    mid = make_match(W, 'ACTIVE')
    call('POST', f'/api/matches/{mid}/reports', W.tok('resident'), body={'text': 'a report for the fuzzer'})
    find_targets(W)


def find_targets(W):
    """An open problem report, an open makelaar task and a notification to aim at (999999 when there is none)."""
    reps = call('GET', '/api/match-reports?open=true&limit=100', W.tok('makelaar')).json()
    W.report_id = reps['items'][-1]['id'] if reps and reps.get('items') else 999999
    tasks = call('GET', '/api/makelaar/tasks?open=true&limit=100', W.tok('coordinator')).json()
    W.task_id = tasks['items'][-1]['id'] if tasks and tasks.get('items') else 999999
    W.notification_id = 999999
    for st in ('DEAD', 'PENDING', 'SENT', 'QUEUED_FOR_MAKELAAR'):
        n = call('GET', f'/api/notifications?status={st}&limit=5', W.tok('coordinator')).json()
        if n and n.get('items'):
            W.notification_id = n['items'][0]['id']
            break
    print('targets: report', W.report_id, 'task', W.task_id, 'notification', W.notification_id, flush=True)
    return W


def make_room(W, end_running=False):
    """Let both residents carry the most running matches (100), and with end_running end the running matches
    they help in: accepting meets helper-at-capacity otherwise (the fuzz changes the resident's capacity;
    matches pile up)."""
    for who in ('resident', 'resident2'):
        p = call('GET', '/api/me/profile', W.tok(who)).json()
        r = call('PUT', '/api/me/profile', W.tok(who), body=profile_update(p) | {'capacity': 100})
        if r.status != 200:
            print('setup: could not set the capacity of', who, r)
        for _ in range(20 if end_running else 0):
            items = (call('GET', '/api/me/matches?role=helper&status=ACTIVE&limit=100', W.tok(who)).json() or {}).get('items')
            ended = 0
            for m in items or []:
                r = call('POST', f'/api/matches/{m["id"]}/complete', W.tok(who))
                if r.status != 200:
                    r = call('POST', f'/api/matches/{m["id"]}/cancel', W.tok(who), body={'reason': 'room for the fuzzer'})
                ended += r.status == 200
            if not ended:
                break


def unblock_all(W):
    """Take back any block between the two demo residents, or later proposals between them fail."""
    if W.pair_match:
        for who in ('resident', 'resident2'):
            call('POST', f'/api/matches/{W.pair_match}/unblock', W.tok(who))


def fuzz_op_guarded(W, m, p, o, role):
    """fuzz_op, with stand-in sessions for the operations that end a session (logout, erase), so that the shared
    sessions live on, and no block left behind."""
    saved = dict(W.s)
    try:
        if p in ('/api/auth/logout', '/api/me/erase') and role != 'none':
            if role == 'resident':
                W.s[role] = W.register('throwaway')[0]
            else:
                W.s[role] = Session(W.s[role].email, secret=W.s[role].secret)
        n = fuzz_op(W, m, p, o, role)
    finally:
        W.s = saved
    if p.endswith('/block'):
        unblock_all(W)
    return n


# ---------------------------------------------------------- sequences ------
ACTIONS = {
    'accept': lambda: None, 'decline': lambda: {'reason': 'no'}, 'withdraw': lambda: {'reason': 'no'},
    'complete': lambda: None, 'cancel': lambda: {'reason': 'stop'}, 'block': lambda: None, 'unblock': lambda: None,
    'thanks': lambda: {'message': 'dank ' + uuid.uuid4().hex}, 'feedback': lambda: {'text': 'fb ' + uuid.uuid4().hex},
    'reports': lambda: {'text': 'rep ' + uuid.uuid4().hex}, 'occurrences': None, 'notes': 'GET',
}


def act(W, mid, action, role, body=None):
    """One match action (ACTIONS) as role."""
    if action == 'notes':
        return call('GET', f'/api/matches/{mid}/notes', W.tok(role))
    b = ACTIONS[action]() if callable(ACTIONS[action]) else body
    if action == 'occurrences':
        b = {'date': W.today}
    return call('POST', f'/api/matches/{mid}/{action}', W.tok(role), body=b)


def run_sequences(W):
    """Every match action in every state by every actor, then races."""
    import concurrent.futures as cf
    make_room(W)
    states = ['PROPOSED', 'ACTIVE', 'COMPLETED', 'DECLINED', 'CANCELLED', 'CANCELLED_ACTIVE']
    actors = ['resident', 'resident2', 'makelaar', 'coordinator']
    # every action in every state by every actor, for three channels, one-off and recurring
    for proposer in ('resident2', 'resident', 'makelaar'):
        for recurring in (False, True):
            for st in states:
                for action in ACTIONS:
                    for actor in actors:
                        mid = make_match(W, st, proposer=proposer, recurring=recurring)
                        r = act(W, mid, action, actor)
                        check(f'seq {action}', actor, f'state={st} proposer={proposer} recurring={recurring}',
                              f'POST /api/matches/{mid}/{action}', r)
                        # the same action twice
                        r = act(W, mid, action, actor)
                        check(f'seq {action} twice', actor, f'state={st} proposer={proposer} recurring={recurring}',
                              f'POST /api/matches/{mid}/{action}', r)
                        if action == 'block':
                            unblock_all(W)
            print('sequences', proposer, recurring, 'judged so far', STATS['judged'], 'flagged', STATS['flagged'], flush=True)
    # races: propose twice at once; accept + withdraw at once; two accepts of a one-off by different helpers
    with cf.ThreadPoolExecutor(8) as ex:
        for i in range(15):
            rid = W.new_listing('requests', owner='resident')
            rs = list(ex.map(lambda _: call('POST', '/api/matches', W.tok('resident2'), body={'requestId': rid}), range(4)))
            for r in rs:
                check('race propose x4', 'resident2', f'request {rid}', f'POST /api/matches requestId={rid}', r)
            mid = make_match(W, 'PROPOSED')
            futs = [ex.submit(act, W, mid, 'accept', 'resident'), ex.submit(act, W, mid, 'withdraw', 'resident2'),
                    ex.submit(act, W, mid, 'decline', 'makelaar'), ex.submit(act, W, mid, 'accept', 'coordinator')]
            for f in futs:
                check('race accept/withdraw/decline', 'mixed', f'match {mid}', f'POST /api/matches/{mid}/*', f.result())
            mid = make_match(W, 'ACTIVE')
            futs = [ex.submit(act, W, mid, 'complete', 'resident'), ex.submit(act, W, mid, 'cancel', 'resident2'),
                    ex.submit(act, W, mid, 'complete', 'makelaar'), ex.submit(act, W, mid, 'block', 'resident2'),
                    ex.submit(act, W, mid, 'thanks', 'resident'), ex.submit(act, W, mid, 'thanks', 'resident'),
                    ex.submit(act, W, mid, 'occurrences', 'resident'), ex.submit(act, W, mid, 'occurrences', 'resident2')]
            for f in futs:
                check('race complete/cancel/block/thanks', 'mixed', f'match {mid}', f'POST /api/matches/{mid}/*', f.result())
            unblock_all(W)
            # withdraw the request while a proposal is accepted
            mid = make_match(W, 'PROPOSED')
            m = call('GET', f'/api/matches/{mid}', W.tok('resident')).json() or {}
            rid = (m.get('request') or {}).get('id', 999999)
            futs = [ex.submit(act, W, mid, 'accept', 'resident'), ex.submit(call, 'POST', f'/api/requests/{rid}/withdraw', W.tok('resident')),
                    ex.submit(call, 'PUT', f'/api/requests/{rid}', W.tok('resident'), body=listing_body())]
            for f in futs:
                check('race accept/withdraw-request/update', 'mixed', f'match {mid}', f'match {mid} request {rid}', f.result())
            # withdraw twice at once
            rid = W.new_listing('requests', owner='resident')
            rs = list(ex.map(lambda _: call('POST', f'/api/requests/{rid}/withdraw', W.tok('resident')), range(4)))
            for r in rs:
                check('race withdraw x4', 'resident', f'request {rid}', f'POST /api/requests/{rid}/withdraw', r)
            # suspend + reinstate + propose at once for a participant
            s, pid = W.register('race')
            rid2 = W.new_listing('requests', owner='resident')
            futs = [ex.submit(call, 'POST', f'/api/participants/{pid}/suspend', W.tok('makelaar'), body={'reason': 'r'}),
                    ex.submit(call, 'POST', f'/api/participants/{pid}/reinstate', W.tok('coordinator')),
                    ex.submit(call, 'POST', '/api/matches', s.token, body={'requestId': rid2}),
                    ex.submit(call, 'POST', f'/api/participants/{pid}/erase', W.tok('coordinator')),
                    ex.submit(call, 'PUT', '/api/me/home', s.token, body={'lat': 52.38, 'lon': 4.64}),
                    ex.submit(call, 'POST', f'/api/participants/{pid}/suspend', W.tok('coordinator'), body={'reason': 'r2'})]
            for f in futs:
                check('race suspend/reinstate/erase/propose', 'mixed', f'participant {pid}', f'participant {pid}', f.result())
            # erase self while acting
            s, pid = W.register('erase')
            rid3 = W.new_listing('requests', owner='resident')
            futs = [ex.submit(call, 'POST', '/api/me/erase', s.token, body={'password': 'Fuzz-Pass-Word-2026!'}),
                    ex.submit(call, 'POST', '/api/matches', s.token, body={'requestId': rid3}),
                    ex.submit(call, 'POST', '/api/requests', s.token, body=listing_body()),
                    ex.submit(call, 'PUT', '/api/me/profile', s.token, body={'displayName': 'x', 'preferredLanguage': 'nl', 'travelRadiusMetres': 1000}),
                    ex.submit(call, 'GET', '/api/me/export', s.token)]
            for f in futs:
                check('race erase/act', 'mixed', f'participant {pid}', f'participant {pid}', f.result())
            print('races', i, 'judged so far', STATS['judged'], 'flagged', STATS['flagged'], flush=True)


def run_headers(W):
    """Forged tokens, odd paths and methods, odd headers."""
    hdr = b64url('{"alg":"none"}')
    pl = b64url('{"sub":"1","roles":["COORDINATOR"],"exp":9999999999}')
    # a throwaway session: some variants carry its real token, and one path is /api/auth/logout
    throw = W.register('hdr')[0]
    real = throw.token
    parts = real.split('.')
    tokens = [('bearer_empty', 'RAW:Bearer '), ('bearer_only', 'RAW:Bearer'), ('basic', 'RAW:Basic YWE6YmI='), ('garbage', 'garbage'),
              ('alg_none', f'{hdr}.{pl}.'), ('bad_sig', parts[0] + '.' + parts[1] + '.AAAA'), ('two_parts', parts[0] + '.' + parts[1]),
              ('long', 'a' * 20000), ('nul', 'RAW:Bearer a\x00b'), ('payload_garbage', parts[0] + '.!!!!.' + parts[2]),
              ('lowercase_bearer', 'RAW:bearer ' + real), ('double_bearer', 'RAW:Bearer Bearer ' + real),
              ('refresh_as_access', throw.refresh_token), ('json_payload_array', parts[0] + '.' + b64url('[1]') + '.' + parts[2])]
    paths = ['/api/me/profile', '/api/accounts', '/api/matches/1', '/api/requests/nearby', '/api/auth/logout', '/api/categories',
             '/api/unsubscribe?token=x', '/', '/swagger/noaber-api.yml', '/api/nonexistent', '/api', '/api/', '//api/me/profile',
             '/api/me/profile/', '/api/me/profile;x=1', '/api/me/profile%2F', '/api/%2e%2e/api/me/profile', '/swagger-ui/index.html',
             '/health', '/metrics', '/prometheus', '/env', '/beans', '/routes', '/loggers', '/info', '/refresh', '/threaddump', '/stop',
             '/api/requests/nearby?lat=52&lon=4&lat=53']
    for tn, t in tokens:
        for p in paths:
            r = call('GET' if 'logout' not in p else 'POST', p, t)
            check(f'auth {p}', tn, 'token', f'{p} token={tn}', r)
    for p in paths:
        for m in ('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'):
            r = call(m, p, W.tok('coordinator'))
            # the page and the API document may well name what an error must not: there only a server error counts
            document = m == 'GET' and r.status < 300 and p in ('/', '/swagger/noaber-api.yml', '/swagger-ui/index.html')
            expect(f'route {m} {p}', 'coordinator', 'route', f'{m} {p}', r, None, server_errors_only=document)
    # headers
    for name, h in [('huge_header', {'X-A': 'a' * 9000}), ('many_headers', {f'X-{i}': 'v' for i in range(200)}),
                    ('bad_content_length', {'Content-Length': 'abc'}), ('te_chunked_bad', {'Transfer-Encoding': 'chunked'}),
                    ('accept_charset', {'Accept-Charset': 'bogus'}), ('accept_lang', {'Accept-Language': 'zz-ZZ;q=abc'}),
                    ('x_forwarded', {'X-Forwarded-For': 'a' * 5000}), ('origin', {'Origin': 'http://evil.example'}),
                    ('huge_cookie', {'Cookie': 'JWT=' + 'a' * 7000})]:
        r = call('GET', '/api/me/profile', W.tok('resident'), headers=h)  # call() answers any failure as 599
        check('headers', 'resident', name, f'GET /api/me/profile {list(h)[:1]}', r)


# -------------------------------------------------------------- fixes ------
def run_fixes(W):
    """The findings of the fuzzer's first run, fixed on main: each must keep its expected answer."""
    res = W.tok('resident')
    own = W.own_requests[0] if W.own_requests else W.new_listing('requests')
    # 1. A whole number with a huge exponent: a short 400 (it was an OutOfMemoryError, or a 20 MB refusal).
    for raw in ('1e999999999', '-1e999999999', '1e9999999'):
        r = call('POST', '/api/matches', res, raw='{"requestId":%s}' % raw)
        expect('fix POST /api/matches', 'resident', f'requestId={raw}', '{"requestId":%s}' % raw, r, {400})
        r = call('PUT', f'/api/requests/{own}/search-radius', W.tok('makelaar'), raw='{"searchRadiusMetres":%s}' % raw)
        expect('fix PUT /api/requests/{id}/search-radius', 'makelaar', f'searchRadiusMetres={raw}',
               '{"searchRadiusMetres":%s}' % raw, r, {400})
    # 2. A place lies in the service area (the Netherlands): a subnormal latitude (it broke rankings and plans near
    #    it) and a swapped pair are 400. Coordinates are kept to 7 decimals.
    for sent in (5e-324, 4.6594):
        body = dict(listing_body(), place={'lat': sent, 'lon': 52.3781})
        r = call('POST', '/api/requests', res, body=body)
        expect('fix POST /api/requests', 'resident', f'place.lat={sent!r}', json.dumps(body)[:300], r, {400})
    sent, kept = 52.123456789, 52.1234568
    body = dict(listing_body(), place={'lat': sent, 'lon': 4.6594})
    r = call('POST', '/api/requests', res, body=body)
    expect('fix POST /api/requests', 'resident', f'place.lat={sent!r}', json.dumps(body)[:300], r, {201})
    rid = (r.json() or {}).get('id')
    if rid:
        r = call('GET', f'/api/requests/{rid}', res)
        expect('fix GET /api/requests/{id}', 'resident', f'place.lat={sent!r}', f'GET /api/requests/{rid}', r, {200})
        lat = ((r.json() or {}).get('place') or {}).get('lat')
        if lat != kept:
            record('fix GET /api/requests/{id}', 'resident', f'place.lat={sent!r}', f'GET /api/requests/{rid}', r,
                   [f'latitude {sent!r} read back as {lat!r}, expected {kept!r}'])
        r = call('GET', f'/api/requests/{rid}/helpers', res)
        expect('fix GET /api/requests/{id}/helpers', 'resident', f'place.lat={sent!r}', f'GET /api/requests/{rid}/helpers', r, {200})
        path = f'/api/matching/plan?lat={kept}&lon=4.6594&radius=5000'
        r = call('GET', path, W.tok('makelaar'))
        expect('fix GET /api/matching/plan', 'makelaar', f'around lat={kept}', f'GET {path}', r, {200})
    # 3. A foreign Origin on a server addressed as localhost: Micronaut's CORS guard refuses it with 403, which had
    #    no body; every error answer must be problem+json (check() flags a 4xx of another content type).
    for path in ('/api/me', '/api/requests', '/health'):
        r = call('GET', path, res, headers={'Origin': 'http://evil.example'})
        expect(f'fix GET {path}', 'resident', 'origin=http://evil.example', f'GET {path} Origin: http://evil.example',
               r, {403})
    # 4. The neighbourhood import's limits and codes are checked in ops (GEOJSON_EXPECT), as a coordinator.


def main():
    """Run the sections MODE asks for, summarise, and return the exit code."""
    t0 = time.time()
    print(f'fuzzing {ARGS.base_url}: {sum(len(v) for v in API["paths"].values())} operations in the OpenAPI '
          f'document, roles {",".join(ROLES)}, mode {MODE}; findings in {CONF["out"]}', flush=True)
    W = World()
    W.ops_done, W.op_roles = set(), 0
    prepare(W)
    sections = {'fixes': run_fixes, 'ops': run_ops, 'headers': run_headers, 'seq': run_sequences}
    counts, broke = {}, None
    for name, run in sections.items():
        if MODE not in (name, 'all'):
            continue
        ts, judged = time.time(), STATS['judged']
        try:
            run(W)
        except Exception:  # the run itself broke: report what it has, exit 2
            import traceback
            traceback.print_exc()
            broke = name
            break
        counts[name] = STATS['judged'] - judged  # a section's fuzz requests: those expect() judged
        print(f'section {name}: {counts[name]} fuzz requests in {time.time() - ts:.0f}s; flagged so far {STATS["flagged"]}',
              flush=True)
    took = time.time() - t0
    figures = {'date': time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime()), 'mode': MODE, 'only': ONLY, 'roles': ROLES,
               'seconds': round(took), 'requests': STATS['requests'], 'fuzz_requests': counts,
               'operations_in_document': sum(len(v) for v in API['paths'].values()),
               'operations_fuzzed': len(W.ops_done), 'operation_role_pairs': W.op_roles,
               'findings': STATS['flagged'], 'known_findings': STATS['known'], 'broke_in': broke}
    with open(os.path.join(ARGS.work, 'summary.json'), 'w') as f:
        json.dump(figures, f, indent=1)
    print(f'\nDONE in {took:.0f}s: {STATS["requests"]} requests in all ({sum(counts.values())} fuzz requests: '
          + ', '.join(f'{k} {v}' for k, v in counts.items()) + f'); {len(W.ops_done)} operations fuzzed as '
          f'{W.op_roles} operation-role pairs; {STATS["flagged"]} findings, {STATS["known"]} known')
    text = summarise(CONF['out'])
    if text:
        print('\nFindings (grouped; every one in ' + CONF['out'] + '):\n' + text)
    if ARGS.server_log:
        errors = server_errors(ARGS.server_log)
        print(f'\nServer log ({ARGS.server_log}): ' + (f'ERROR entries:\n{errors}' if errors else 'no ERROR entries'))
    if broke:
        print(f'\nThe run broke in section {broke} (traceback above)')
        return 2
    return 1 if STATS['flagged'] else 0


if __name__ == '__main__':
    sys.exit(main())
