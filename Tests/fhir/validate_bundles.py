"""Every shipped person's plan exported as a FHIR R4 Bundle, validated with fhir.resources
(its R4B models: R4B is R4 with corrections, and shares R4's Bundle, Patient, CarePlan,
RelatedPerson, Consent and Flag), then read back: the do-not-contact people, the refusals and
the contacts survive the round trip.

    python3 Tests/fhir/validate_bundles.py .build/debug/crisisplan
"""
import json
import os
import subprocess
import sys

import yaml

from fhir.resources.R4B.bundle import Bundle

BIN = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/crisisplan"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PEOPLE = sorted(f[:-5] for f in os.listdir(os.path.join(ROOT, "Rules", "people")) if f.endswith(".yaml"))

failures = 0
for person in PEOPLE:
    out = subprocess.run([BIN, "export", person, "--format", "fhir", "--at", "2026-11-24T10:30:00Z"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    again = subprocess.run([BIN, "export", person, "--format", "fhir", "--at", "2026-11-24T10:30:00Z"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out == again, f"{person}: two exports differ"
    bundle = Bundle.model_validate_json(out) if hasattr(Bundle, "model_validate_json") else Bundle.parse_raw(out)
    resources = [entry.resource for entry in bundle.entry]
    kinds = [type(r).__name__ for r in resources]
    for needed in ["Patient", "CarePlan", "Flag"]:
        if needed not in kinds:
            print(f"{person}: no {needed}"); failures += 1
    for resource in resources:
        if not (resource.meta and resource.meta.source):
            print(f"{person}: {type(resource).__name__} {resource.id} cites no source"); failures += 1
    # The round trip: what the plan says survives in the bundle.
    answer = json.loads(subprocess.run([BIN, "respond", person, "--json", "--at", "2026-11-24T10:30:00Z"],
                                       cwd=ROOT, capture_output=True, text=True, check=True).stdout)
    consents = [r for r in resources if type(r).__name__ == "Consent"]
    denied = set()
    for consent in consents:
        for contained in consent.contained or []:
            denied.add(contained.name[0].text)
    for entry in answer["do_not_contact"]:
        if entry["name"] not in denied:
            print(f"{person}: do-not-contact {entry['name']} lost"); failures += 1
    refused = {c.provision.code[0].text for c in consents if c.provision and c.provision.code}
    for refusal in answer["advance_decisions"]["refusals"]:
        if refusal["treatment"] not in refused:
            print(f"{person}: refusal of {refusal['treatment']} lost"); failures += 1
    with open(os.path.join(ROOT, "Rules", "people", person + ".yaml"), encoding="utf-8") as handle:
        plan = yaml.safe_load(handle)
    patient = next(r for r in resources if type(r).__name__ == "Patient")
    carried = {(i.system, i.value) for i in patient.identifier or []}
    for identifier in plan["person"].get("identifiers", []):
        if (identifier["system"], identifier["value"]) not in carried:
            print(f"{person}: identifier {identifier['value']} lost"); failures += 1
    related = {r.name[0].text for r in resources if type(r).__name__ == "RelatedPerson"}
    for contact in answer["contacts"]:
        if not contact["statutory"] and contact["name"] not in related:
            print(f"{person}: contact {contact['name']} lost"); failures += 1
    print(f"{person}: {len(resources)} resources, valid")

sys.exit(1 if failures else 0)
