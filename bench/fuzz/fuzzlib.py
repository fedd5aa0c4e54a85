"""Shared helpers for the Noaber API fuzzer: configuration, HTTP, sessions with TOTP, the finding
oracle, known findings, the server-log summary and a reader for the OpenAPI YAML (standard library only)."""
import base64, collections, hashlib, hmac, http.client, json, os, re, struct, threading, time, urllib.parse, urllib.request

PASSWORD = 'Buurtkracht-2026'  # the demo residents' password (README.md)

CONF = {'host': '127.0.0.1', 'port': 8099, 'out': 'findings.jsonl', 'slow': 10.0, 'timeout': 60}
STATS = {'requests': 0, 'flagged': 0, 'known': 0}
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
    why = problems(resp)
    if why:
        record(opname, role, mutation, reqdesc, resp, why)


def expect(opname, role, mutation, reqdesc, resp, statuses):
    """check(), and also a finding when the status is none of the expected ones (a fixed bug must stay fixed)."""
    why = problems(resp)
    if resp.status not in statuses:
        why.append(f'expected {"/".join(map(str, sorted(statuses)))}, got {resp.status}')
    if why:
        record(opname, role, mutation, reqdesc, resp, why)


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
    return json.loads(text) if text.lstrip().startswith('{') else load_yaml(text)


_INT = re.compile(r'[-+]?[0-9]+$')
_FLOAT = re.compile(r'[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$')
_ESC = {'0': '\0', 'a': '\a', 'b': '\b', 't': '\t', '\t': '\t', 'n': '\n', 'v': '\v', 'f': '\f', 'r': '\r', 'e': '\x1b',
        ' ': ' ', '"': '"', '/': '/', '\\': '\\', 'N': '\x85', '_': '\xa0', 'L': '\u2028', 'P': '\u2029'}


def load_yaml(text):
    """The block-style YAML that Micronaut's OpenAPI generator (Jackson over SnakeYAML) writes: block mappings
    and sequences, plain, single- and double-quoted scalars (also over several lines), empty flow collections.
    Anything else (anchors, block scalars, flow collections with content) raises ValueError, so that a change
    of format is loud. Checked equal to js-yaml's reading of noaber-api.yml."""
    lines = [l.rstrip('\r') for l in text.split('\n')]
    lines = [l for l in lines if l.strip() and not l.lstrip().startswith('#') and l.strip() != '---']
    pos = 0

    def indent(l):
        return len(l) - len(l.lstrip(' '))

    def scalar(first, ind):
        """The scalar that starts with `first` (the rest of its line); plain ones go on over deeper lines."""
        nonlocal pos
        s = first.strip()
        if s.startswith('"'):
            while not _dq_closed(s):
                s += '\n' + lines[pos].strip(); pos += 1
            return _dq(s)
        if s.startswith("'"):
            while not _sq_closed(s):
                s += '\n' + lines[pos].strip(); pos += 1
            return _fold(s.strip()[1:-1]).replace("''", "'")
        while pos < len(lines) and indent(lines[pos]) > ind:
            s += ' ' + lines[pos].strip(); pos += 1
        if s == '[]':
            return []
        if s == '{}':
            return {}
        if s[:1] in tuple('[{|>&*!%@`'):
            raise ValueError(f'unsupported YAML: {s[:60]!r}')
        if s in ('', '~', 'null', 'Null', 'NULL'):
            return None
        if s in ('true', 'True', 'TRUE'):
            return True
        if s in ('false', 'False', 'FALSE'):
            return False
        if _INT.match(s):
            return int(s)
        if _FLOAT.match(s):
            return float(s)
        return s

    def split_key(body):
        """(key, rest after the colon) of a mapping entry, (None, None) if body is none."""
        if body.startswith('"'):
            i = 1
            while i < len(body) and body[i] != '"':
                i += 2 if body[i] == '\\' else 1
            if i >= len(body):
                return None, None
            key, rest = _dq(body[:i + 1]), body[i + 1:]
        elif body.startswith("'"):
            i = body.find("'", 1)
            while i > 0 and body[i + 1:i + 2] == "'":
                i = body.find("'", i + 2)
            if i < 0:
                return None, None
            key, rest = body[1:i].replace("''", "'"), body[i + 1:]
        else:
            m = re.match(r'(.*?):(?: |$)', body)
            return (m.group(1), body[m.end():]) if m else (None, None)
        return (key, rest[1:].lstrip(' ')) if rest.startswith(':') else (None, None)

    def is_item(l, ind):
        return indent(l) == ind and (l[ind:].startswith('- ') or l[ind:] == '-')

    def node(ind):
        return seq(ind) if is_item(lines[pos], ind) else mapping(ind)

    def mapping(ind, first=None):
        nonlocal pos
        out = {}
        while first is not None or pos < len(lines):
            if first is not None:
                body, first = first, None
            else:
                l = lines[pos]
                if indent(l) != ind or is_item(l, ind):
                    if indent(l) > ind:
                        raise ValueError(f'unexpected indentation at {l!r}')
                    break
                body = l[ind:]; pos += 1
            key, rest = split_key(body)
            if key is None:
                raise ValueError(f'not a mapping entry: {body!r}')
            if rest:
                out[key] = scalar(rest, ind)
            elif pos < len(lines) and (indent(lines[pos]) > ind or is_item(lines[pos], ind)):
                out[key] = node(indent(lines[pos]))
            else:
                out[key] = None
        return out

    def seq(ind):
        nonlocal pos
        out = []
        while pos < len(lines) and is_item(lines[pos], ind):
            item = lines[pos][ind + 2:]; pos += 1
            if split_key(item)[0] is not None:
                out.append(mapping(ind + 2, first=item))
            elif item.startswith('- '):
                raise ValueError(f'unsupported YAML: a sequence in a sequence at {item!r}')
            else:
                out.append(scalar(item, ind))
        if pos < len(lines) and indent(lines[pos]) > ind:
            raise ValueError(f'unexpected indentation at {lines[pos]!r}')
        return out

    if not lines:
        return None
    result = node(0)
    if pos != len(lines):
        raise ValueError(f'YAML not read from {lines[pos]!r} on')
    return result


def _fold(s):
    """Line folding in a quoted scalar: a line break with the spaces around it is one space (blank lines,
    which would be newlines, are not written by the generator: it escapes them)."""
    return ' '.join(part.strip(' \t') if n else part.rstrip(' \t') for n, part in enumerate(s.split('\n')))


def _dq_closed(s):
    i = 1
    while i < len(s):
        if s[i] == '\\':
            i += 2
        elif s[i] == '"':
            return True
        else:
            i += 1
    return False


def _sq_closed(s):
    i = 1
    while i < len(s):
        if s[i] == "'":
            if s[i + 1:i + 2] != "'":
                return True
            i += 1
        i += 1
    return False


def _dq(s):
    """A double-quoted scalar, quotes included: folded lines, escaped line breaks, escapes."""
    lines = s.strip()[1:-1].split('\n')
    text = ''
    for n, ln in enumerate(lines):
        if n:
            ln = ln.lstrip(' \t')
        if n == len(lines) - 1:
            text += ln
        elif (len(ln) - len(ln.rstrip('\\'))) % 2 == 1:  # an escaped line break joins without a space
            text += ln[:-1]
        else:
            text += ln.rstrip(' \t') + ' '
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c != '\\':
            out.append(c); i += 1
            continue
        e = text[i + 1]
        width = {'x': 2, 'u': 4, 'U': 8}.get(e)
        if width:
            out.append(chr(int(text[i + 2:i + 2 + width], 16))); i += 2 + width
        else:
            out.append(_ESC[e]); i += 2
    r = ''.join(out)
    return r.encode('utf-16', 'surrogatepass').decode('utf-16') if any(0xD800 <= ord(ch) <= 0xDFFF for ch in r) else r
