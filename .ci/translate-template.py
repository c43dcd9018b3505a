#!/usr/bin/env python3
"""Translates template.yaml with aws-sam-translator, as CloudFormation's transform would after `sam deploy`.

Usage: translate-template.py TEMPLATE OUTPUT.json. Offline: each local CodeUri (a jar Maven builds) is
replaced by an s3:// location, as `sam deploy` does after uploading it, and managed policies are not
looked up in IAM. Exits non-zero, naming each error, when SAM refuses the template.
"""
import json
import os
import sys

from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicyLookup:
    """SAM asks IAM only for managed policies it does not know itself; this template names none."""

    def load(self):
        return {}


def main(source, target):
    os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")
    with open(source, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    for name, resource in template.get("Resources", {}).items():
        properties = resource.get("Properties", {})
        code = properties.get("CodeUri")
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(code, str) and not code.startswith("s3://"):
            properties["CodeUri"] = "s3://sam-deploy-uploads/" + code
    try:
        translated = transform(template, {}, NoManagedPolicyLookup())
    except InvalidDocumentException as e:
        for error in e.causes:
            print(f"{source}: {error.message}", file=sys.stderr)
        return 1
    with open(target, "w", encoding="utf-8") as f:
        json.dump(translated, f, indent=1, default=str)
    print(f"{source}: SAM translates it to {len(translated['Resources'])} CloudFormation resources ({target})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
