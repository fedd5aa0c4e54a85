"""Shared helpers for the Noaber API fuzzer: configuration, HTTP, sessions with TOTP, the finding
oracle, known findings, the server-log summary and the OpenAPI document (read with PyYAML)."""
import base64, collections, hashlib, hmac, http.client, json, os, re, struct, threading, time, urllib.parse, urllib.request

import yaml  # PyYAML: Debian's python3-yaml (bench/fuzz/run.sh installs it)

PASSWORD = 'Buurtkracht-2026'  # the demo residents' password (README.md)

CONF = {'host': '127.0.0.1', 'port': 8099, 'out': 'findings.jsonl', 'slow': 10.0, 'timeout': 60}
# requests: every one sent; judged: the fuzz requests, each judged once by expect(), which the sections count
STATS = {'requests': 0, 'judged': 0, 'flagged': 0, 'known': 0}
_lock = threading.Lock()


def configure(base_url, work_dir, slow=10.0):
    u = urllib.parse.urlsplit(base_url)
    if u.scheme != 'http':
        raise SystemExit(f'only http:// base URLs are supported, not {base_url}')
    CONF.update(host=u.hostname, port=u.port or 80, slow=slow, out=os.path.join(work_dir, 'findings.jsonl'))
    os.makedirs(work_dir, exist_ok=True)
    open(CONF['out'], 'w').close()  # a fresh list for every run


# ------------------------------------------------------------------ HTTP ---
class Resp:
    def __init__(self, status, headers, body, elapsed):
        self.status, self.headers, self.raw, self.elapsed = status, headers, body, elapsed
        self.ctype = headers.get('content-type', '')
        self.text = body.decode('utf-8', 'replace')

    def json(self):
        try:
            return json.loads(self.text)
        except Exception:
            return None

    def __repr__(self):
        return f'<{self.status} {self.ctype} {self.text[:200]!r}>'


def quote_path(p):
    return urllib.parse.quote(p, safe="/?&=%+:,@!$'()*;~-._")


def call(method, path, token=None, body=None, raw=None, ctype=None, headers=None, timeout=None):
    """body: a Python object sent as JSON; raw: str or bytes sent as is (as JSON unless ctype says otherwise;
    ctype '' sends no Content-Type). token 'RAW:<value>' is sent as the whole Authorization header.
    A connection failure or timeout is answered as status 599."""
    h = {}
    if token:
        h['Authorization'] = token[4:] if token.startswith('RAW:') else 'Bearer ' + token
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h['Content-Type'] = 'application/json'
    if raw is not None:
        data = raw.encode('utf-8', 'surrogatepass') if isinstance(raw, str) else raw
        h['Content-Type'] = 'application/json'
    if ctype is not None:
        if ctype == '':
            h.pop('Content-Type', None)
        else:
            h['Content-Type'] = ctype
    if headers:
        h.update(headers)
    if method in ('POST', 'PUT') and data is None:
        h.setdefault('Content-Length', '0')
    conn = http.client.HTTPConnection(CONF['host'], CONF['port'], timeout=timeout or CONF['timeout'])
    t0 = time.time()
    try:
        conn.putrequest(method, quote_path(path), skip_accept_encoding=True)
        for k, v in h.items():
            conn.putheader(k, v)
        if data is not None:
            conn.putheader('Content-Length', str(len(data)))
        conn.endheaders()
        if data is not None:
            conn.send(data)
        r = conn.getresponse()
        b = r.read()
        resp = Resp(r.status, {k.lower(): v for k, v in r.getheaders()}, b, time.time() - t0)
    except Exception as e:  # a reset connection or a timeout is worth a record too
        resp = Resp(599, {'content-type': 'x-client-error'}, repr(e).encode(), time.time() - t0)
    finally:
        conn.close()
    with _lock:
        STATS['requests'] += 1
    return resp


# ---------------------------------------------------------------- oracle ---
LEAK = re.compile(r'(java\.|javax\.|jakarta\.|org\.postgresql|io\.micronaut|com\.fasterxml|io\.netty|'
                  r'PSQLException|SQLException|SQLState|Exception\b|\bnl\.noaber\.|\.java:\d+|'
                  r'\bat [a-z]+\.[a-z]+\.|ERROR: |\bSELECT\b|\bINSERT INTO\b|\bUPDATE \w+ SET\b|ST_\w+\(|'
                  r'Hint: |Position: |org\.hibernate|reactor\.core)')
BIG_ERROR_BODY = 64 * 1024


def problems(resp):
    """Why this response is a finding (a list of reasons), empty when it is fine."""
    why = []
    if resp.status >= 500:
        why.append(f'status {resp.status}')
    if 400 <= resp.status < 500 and not resp.ctype.startswith('application/problem+json'):
        why.append(f'4xx with content-type {resp.ctype!r}')
    if resp.status >= 400 and len(resp.raw) > BIG_ERROR_BODY:
        why.append(f'error body of {len(resp.raw)} bytes')
    m = LEAK.search(resp.text)
    if m and not (resp.ctype.startswith('text/html') and resp.status < 300):
        why.append(f'leak {m.group(0)!r}')
    if resp.elapsed > CONF['slow']:
        why.append(f'slow {resp.elapsed:.1f}s')
    return why


# Findings that are known and left as they are: listed in the summary, not counted in the exit code.
KNOWN = [
    # (name, description, predicate over a finding entry): a finding listed here is reported, not counted in the
    # exit code. Empty: the one entry it had (Micronaut's CORS 403 without a body) is fixed and checked in `fixes`.
]


def record(op, role, mutation, req, resp, why, extra=None):
    entry = {'t': time.strftime('%H:%M:%S'), 'op': op, 'role': role, 'mutation': mutation, 'request': req,
             'status': resp.status, 'ctype': resp.ctype, 'bytes': len(resp.raw), 'body': resp.text[:600], 'why': why}
    if extra:
        entry.update(extra)
    entry['known'] = next((k for k, _, match in KNOWN if match(entry)), None)
    with _lock:
        STATS['known' if entry['known'] else 'flagged'] += 1
        with open(CONF['out'], 'a') as f:
            f.write(json.dumps(entry) + '\n')
    print('KNOWN' if entry['known'] else 'FLAG', op, role, mutation, resp.status, why,
          resp.text[:150].replace('\n', ' '), flush=True)


def check(opname, role, mutation, reqdesc, resp):
    expect(opname, role, mutation, reqdesc, resp, None)


def expect(opname, role, mutation, reqdesc, resp, statuses, server_errors_only=False):
    """Judges one fuzz request's answer and counts it (STATS['judged']): a finding for what problems() names, or,
    with server_errors_only, only when the status is 500 or more; with statuses, also when the status is none of
    them (a fixed bug must stay fixed)."""
    with _lock:
        STATS['judged'] += 1
    why = problems(resp) if not server_errors_only or resp.status >= 500 else []
    if statuses is not None and resp.status not in statuses:
        why.append(f'expected {"/".join(map(str, sorted(statuses)))}, got {resp.status}')
    if why:
        record(opname, role, mutation, reqdesc, resp, why)


def b64url(data):
    """Base64url without padding, as JWTs and the API's cursors have it."""
    return base64.urlsafe_b64encode(data if isinstance(data, bytes) else data.encode()).decode().rstrip('=')


def summarise(path):
    """Group the findings file by operation, mutation kind, status and reasons; returns the text."""
    groups = collections.OrderedDict()
    for line in open(path):
        e = json.loads(line)
        kind = re.sub(r'=.*', '=…', e['mutation'])
        key = (e['known'] or '', e['op'], kind, e['status'], re.sub(r'\d+(\.\d+)?', 'N', '; '.join(e['why'])))
        g = groups.setdefault(key, {'n': 0, 'roles': set(), 'example': e})
        g['n'] += 1
        g['roles'].add(e['role'])
    out = []
    for (known, op, kind, status, why), g in groups.items():
        tag = f'KNOWN {known}' if known else 'FINDING'
        ex = g['example']
        out.append(f'{tag}: {op} [{kind}] -> {status} ({why}) x{g["n"]}, roles {",".join(sorted(g["roles"]))}\n'
                   f'    e.g. {ex["mutation"]}: {"; ".join(ex["why"])}\n    {ex["request"][:240]}\n    body {ex["body"][:200]!r}')
    return '\n'.join(out)


def server_errors(log_path, top=3):
    """Distinct ERROR entries of the server's log with how often each came and its first nl.noaber frames."""
    if not log_path or not os.path.exists(log_path):
        return ''
    head = re.compile(r'^\d\d:\d\d:\d\d\.\d+ +ERROR ')
    entries, cur = collections.OrderedDict(), None
    for line in open(log_path, errors='replace'):
        if head.match(line):
            msg = line.split(' - ', 1)[-1].strip()[:200]
            cur = entries.setdefault(msg, {'n': 0, 'frames': [], 'first': line[:12]})
            cur['n'] += 1
            cur['fresh'] = cur['n'] == 1
        elif cur is not None and re.match(r'^\d\d:\d\d:\d\d\.\d+ ', line):
            cur = None
        elif cur is not None and cur['fresh'] and line.strip().startswith('at nl.noaber') and len(cur['frames']) < top:
            cur['frames'].append(line.strip())
    return '\n'.join(f'  {e["n"]}x (first {e["first"]}) {msg}' + ''.join(f'\n      {f}' for f in e['frames'])
                     for msg, e in entries.items())


# -------------------------------------------------------------- sessions ---
def totp(secret, at=None):
    key = base64.b32decode(secret.replace(' ', '').upper())
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack('>Q', counter), hashlib.sha1).digest()
    o = digest[-1] & 0x0F
    return '%06d' % ((struct.unpack('>I', digest[o:o + 4])[0] & 0x7FFFFFFF) % 1000000)


_used_steps = {}


class Session:
    """A logged-in user whose access token is refreshed before it runs out. Staff log in with a second
    factor; a TOTP step is used once per account (the server refuses a code twice)."""

    def __init__(self, email, password=PASSWORD, secret=None):
        self.email, self.password, self.secret = email, password, secret
        self.access = self.refresh_token = None
        self.at = 0
        self.account_id = None
        self.login()

    def login(self, tries=3):
        r = call('POST', '/api/auth/login', body={'email': self.email, 'password': self.password})
        d = r.json() or {}
        if d.get('status') in ('TOTP_REQUIRED', 'TOTP_ENROLMENT_REQUIRED'):
            step = int(time.time() // 30)
            while _used_steps.get(self.email) == step:
                time.sleep(1)
                step = int(time.time() // 30)
            _used_steps[self.email] = step
            r = call('POST', '/api/auth/totp', body={'mfaToken': d['mfaToken'], 'code': totp(self.secret)})
            d = r.json() or {}
        if not d.get('accessToken') and tries > 1 and 'invalid-totp' in r.text:
            time.sleep(31 - time.time() % 30)
            return self.login(tries - 1)
        if not d.get('accessToken'):
            raise RuntimeError(f'login failed for {self.email}: {r}')
        self.access, self.refresh_token, self.at = d['accessToken'], d['refreshToken'], time.time()
        self.account_id = d.get('accountId')

    @property
    def token(self):
        if time.time() - self.at > 600:
            r = call('POST', '/api/auth/refresh', body={'refreshToken': self.refresh_token})
            d = r.json() or {}
            if d.get('accessToken'):
                self.access, self.refresh_token, self.at = d['accessToken'], d['refreshToken'], time.time()
            else:
                self.login()
        return self.access


# --------------------------------------------------------------- OpenAPI ---
def load_openapi(source):
    """The OpenAPI document from a file or an http:// URL, in JSON or in the YAML Micronaut writes."""
    if re.match(r'https?://', source):
        with urllib.request.urlopen(source, timeout=30) as r:
            text = r.read().decode('utf-8')
    else:
        with open(source, encoding='utf-8') as f:
            text = f.read()
    return json.loads(text) if text.lstrip().startswith('{') else yaml.safe_load(text)


