#!/usr/bin/env python3
"""Writes N generated scenarios of S steps each over the shipped people, for timing
`crisisplan test`. Deterministic (seeded). Python standard library only."""
import os
import random
import sys

people = {
    "sam": (["sleep-loss", "skipping-meals", "voices-commanding", "not sleeping", "hearing voices"], ["jo", "htt"]),
    "priya": (["racing-thoughts", "spending", "not-recognising-dev"], ["dev", "crisis-team"]),
    "alex": (["withdrawing", "stockpiling"], ["chris", "cmht"]),
    "kit": (["panic", "cutting"], ["aunt", "cmht"]),
    "dee": (["neglecting-home"], ["ann", "gp"]),
    "robin": (["pacing"], ["sol"]),
}
facts = [
    "abuse_or_neglect: suspected", "care_and_support_needs: true", "can_protect_self: false",
    "self_harm: thoughts", "self_harm: plans", "life_at_risk: false", "mha_application: section_2",
]

def main():
    out, count, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20261125)
    for n in range(count):
        person = rng.choice(sorted(people))
        signs, _ = people[person]
        lines = [f'scenario: "Generated {n}"', f"person: {person}", "steps:"]
        for step in range(steps):
            hour = step * 5
            lines.append(f"  - at: 2026-11-{20 + hour // 24:02d}T{hour % 24:02d}:00:00Z")
            lines.append(f"    narrative: Step {step} of generated scenario {n}.")
            lines.append(f"    signs: [{rng.choice(signs)}]")
            if rng.random() < 0.4:
                lines.append(f"    facts: {{{rng.choice(facts)}}}")
            lines.append("    expect:")
            lines.append("      flags_exclude: [mha-s136]")
            lines.append("      warnings_exclude: [future-observation]")
        with open(os.path.join(out, f"g{n:04d}.yaml"), "w") as f:
            f.write("\n".join(lines) + "\n")

main()
