"""Benchmarks/cds.sh's record system: an ES384 key and its JWKS, COUNT JWTs for one URL (each
with its own jti), and NHS numbers (valid check digits, from the range never issued) for the
generated library's plans, inserted after each plan's name.

    python3 Benchmarks/cds_tokens.py FOLDER RULES URL COUNT

Needs the `cryptography` package (pip install cryptography)."""
import base64, json, os, sys, time, uuid

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

folder, rules, url, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def nhs_numbers():
    n = 0
    while True:
        n += 1
        digits = "999" + "%06d" % n
        check = 11 - sum(int(d) * w for d, w in zip(digits, range(10, 1, -1))) % 11
        check = 0 if check == 11 else check
        if check != 10:
            yield digits + str(check)


key = ec.generate_private_key(ec.SECP384R1())
numbers = key.public_key().public_numbers()
jwk = {"kty": "EC", "crv": "P-384", "kid": "bench-1", "use": "sig", "alg": "ES384",
       "x": b64(numbers.x.to_bytes(48, "big")), "y": b64(numbers.y.to_bytes(48, "big"))}
with open(os.path.join(folder, "ehr-keys.json"), "w") as out:
    json.dump({"keys": [jwk]}, out)

header = b64(json.dumps({"alg": "ES384", "typ": "JWT", "kid": "bench-1"}).encode())
now = int(time.time())
with open(os.path.join(folder, "tokens.txt"), "w") as out:
    for _ in range(count):
        payload = b64(json.dumps({"iss": "https://ehr.bench", "aud": url, "iat": now, "exp": now + 3000,
                                  "jti": str(uuid.uuid4())}).encode())
        r, s = decode_dss_signature(key.sign((header + "." + payload).encode(), ec.ECDSA(hashes.SHA384())))
        out.write(header + "." + payload + "." + b64(r.to_bytes(48, "big") + s.to_bytes(48, "big")) + "\n")

people = os.path.join(rules, "people")
written = []
for name, number in zip(sorted(os.listdir(people)), nhs_numbers()):
    path = os.path.join(people, name)
    with open(path) as handle:
        text = handle.read()
    if "identifiers:" not in text:
        lines = text.split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("  name: "))
        lines.insert(at + 1, "  identifiers: [{system: https://fhir.nhs.uk/Id/nhs-number, value: %s}]" % number)
        with open(path, "w") as handle:
            handle.write("\n".join(lines))
    written.append(number)
with open(os.path.join(folder, "numbers.txt"), "w") as out:
    out.write("\n".join(written) + "\n")
