"""Builds generated Keras models and reports what the test compares with the engine.

Reads a JSON manifest (path in argv[1]): a list of cases, each with the generated module file
and its entry function name. Prints one JSON line per case: count_params() (which, like TF.js,
counts batch-norm moving statistics), the output shape without the batch dimension, and the
layer names in order.
"""
import importlib.util
import json
import sys


def main():
    with open(sys.argv[1], encoding="utf8") as f:
        cases = json.load(f)
    for i, case in enumerate(cases):
        spec = importlib.util.spec_from_file_location(f"generated_{i}", case["file"])
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        model = getattr(module, case["entryName"])()
        print(json.dumps({
            "name": case["name"],
            "params": int(model.count_params()),
            "outputShape": [int(d) for d in model.outputs[0].shape[1:]],
            "layers": [layer.name for layer in model.layers],
        }))


if __name__ == "__main__":
    main()
