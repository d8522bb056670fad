"""The interfaces (adapters only): the ``careerbot`` command line and the Gradio app."""
